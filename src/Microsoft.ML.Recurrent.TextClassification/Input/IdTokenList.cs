using System.Collections;

namespace Microsoft.ML.Recurrent.TextClassification.Input;

/// <summary>The names of a token-id sequence, looked up only when read (predictions list their tokens, few callers read them).</summary>
internal sealed class IdTokenList(TokenIdInput input, int[] ids) : IReadOnlyList<string>
{
    public int Count => ids.Length;

    public string this[int index] => input.TokenName(ids[index]);

    public IEnumerator<string> GetEnumerator() => ids.Select(input.TokenName).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
