using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Text.Vocabularies;

namespace Microsoft.ML.Recurrent.TextClassification.Input;

/// <summary>
/// Token ids of an external vocabulary of a given size (for example ML.NET's key-typed token vectors, made 0-based),
/// with optional token names. The vocabulary of rows is built like the text vocabulary, over the ids' training counts,
/// so rare ids can share the unknown row; id <see cref="TextClassifier.UnknownTokenId"/> marks a token outside the
/// external vocabulary.
/// </summary>
internal sealed class TokenIdInput : TokenInput
{
    internal const string KindName = "tokenIds";

    /// <summary>The name of the token-id parameter of every public method.</summary>
    private const string ParameterName = "tokenIds";

    private readonly int[] rowOfId;

    private TokenIdInput(Vocabulary vocabulary, int maxLength, int vocabularySize, IReadOnlyList<string>? tokenNames)
        : base(vocabulary, maxLength)
    {
        VocabularySize = vocabularySize;
        TokenNames = tokenNames;
        rowOfId = new int[vocabularySize];
        rowOfId.AsSpan().Fill(Vocabulary.UnknownId);
        for (int row = Vocabulary.SpecialCount; row < vocabulary.Count; row++)
        {
            rowOfId[int.Parse(vocabulary.GetToken(row), CultureInfo.InvariantCulture)] = row;
        }
    }

    /// <summary>Number of ids in the external vocabulary; valid ids are 0 to VocabularySize − 1.</summary>
    public int VocabularySize { get; }

    /// <summary>Name of every id, or null when none were given.</summary>
    public IReadOnlyList<string>? TokenNames { get; }

    /// <summary>Checks the training sequences and builds the vocabulary; <paramref name="rows"/> receives each sequence's rows.</summary>
    public static TokenIdInput Fit(
        IReadOnlyList<int[]> tokenIds, int vocabularySize, IReadOnlyList<string>? tokenNames, TextClassifierOptions options, out int[][] rows)
    {
        if (vocabularySize is < 1 or > TextClassifier.MaxExternalVocabularySize)
        {
            throw new ArgumentOutOfRangeException(
                nameof(vocabularySize), vocabularySize, $"Parameter 'vocabularySize' is {vocabularySize}; it must be at least 1 and at most {TextClassifier.MaxExternalVocabularySize:N0}.");
        }

        if (tokenNames is not null && tokenNames.Count != vocabularySize)
        {
            throw new ArgumentException($"Parameter 'tokenNames' has {tokenNames.Count} names, but the vocabulary size is {vocabularySize}; give one name per id.", nameof(tokenNames));
        }

        var kept = new int[tokenIds.Count][];
        for (int i = 0; i < kept.Length; i++)
        {
            var ids = tokenIds[i] ?? throw new ArgumentException($"Parameter 'tokenIds' has a null sequence at row {i}.", nameof(tokenIds));
            Check(ids, vocabularySize, i);
            kept[i] = ids.Length <= options.MaxLength ? ids : ids[..options.MaxLength];
        }

        var names = kept.Select(ids => ids.Where(id => id >= 0).Select(id => id.ToString(CultureInfo.InvariantCulture)));
        var input = new TokenIdInput(BuildVocabulary(names, options), options.MaxLength, vocabularySize, tokenNames?.ToArray());
        rows = kept.Select(ids => input.Encode(ids)).ToArray();
        return input;
    }

    /// <summary>The rows of <paramref name="ids"/>, truncated to <see cref="TokenInput.MaxLength"/>.</summary>
    /// <exception cref="ArgumentException">The sequence is empty or an id is out of range; <paramref name="row"/>, when given, is named.</exception>
    public int[] Encode(ReadOnlySpan<int> ids, int? row = null)
    {
        Check(ids, VocabularySize, row);
        var rows = new int[Math.Min(ids.Length, MaxLength)];
        for (int t = 0; t < rows.Length; t++)
        {
            rows[t] = ids[t] < 0 ? Vocabulary.UnknownId : rowOfId[ids[t]];
        }

        return rows;
    }

    /// <summary>The embedding row of every id, shifted by one so that index 0 holds the row of <see cref="TextClassifier.UnknownTokenId"/>.</summary>
    public long[] RowsOfShiftedIds()
    {
        var rows = new long[VocabularySize + 1];
        rows[0] = Vocabulary.UnknownId;
        for (int id = 0; id < VocabularySize; id++)
        {
            rows[id + 1] = rowOfId[id];
        }

        return rows;
    }

    /// <summary>The name of <paramref name="id"/>: its token name when known, else "#id".</summary>
    public string TokenName(int id) =>
        id < 0 ? Vocabulary.UnknownToken : TokenNames?[id] ?? "#" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A vocabulary of token names aligned with the rows, for word-vector lookup.
    /// </summary>
    /// <exception cref="ArgumentException">No names were given, or two kept ids share a name.</exception>
    public Vocabulary NamedRows()
    {
        if (TokenNames is null)
        {
            throw new ArgumentException("Word vectors need token names with token-id input; pass 'tokenNames' to Fit.", "tokenNames");
        }

        var names = Vocabulary.Tokens.Skip(Vocabulary.SpecialCount).Select(token => TokenNames[int.Parse(token, CultureInfo.InvariantCulture)]);
        try
        {
            return new Vocabulary(names);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Parameter 'tokenNames' cannot name the embedding rows: {e.Message}", "tokenNames", e);
        }
    }

    public override JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["kind"] = KindName,
            ["maxLength"] = MaxLength,
            ["vocabularySize"] = VocabularySize,
            ["vocabulary"] = Vocabulary.ToJson(),
        };
        if (TokenNames is not null)
        {
            json["tokenNames"] = new JsonArray(TokenNames.Select(n => (JsonNode?)n).ToArray());
        }

        return json;
    }

    public static new TokenIdInput FromJson(ArchitectureSection json)
    {
        int vocabularySize = json.Int32("vocabularySize", 1, TextClassifier.MaxExternalVocabularySize);
        var vocabulary = json.Read("vocabulary", Vocabulary.FromJson);
        for (int row = Vocabulary.SpecialCount; row < vocabulary.Count; row++)
        {
            string token = vocabulary.GetToken(row);
            json.Require(
                int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out int id) && id < vocabularySize && id.ToString(CultureInfo.InvariantCulture) == token,
                "vocabulary",
                $"has \"{token}\" at row {row}, which is not a token id in [0, {vocabularySize})");
        }

        var names = json.Has("tokenNames") ? json.Strings("tokenNames") : null;
        json.Require(names is null || names.Length == vocabularySize, "tokenNames", $"has {names?.Length} names for {vocabularySize} token ids");
        return new(vocabulary, json.Int32("maxLength", 1, TextClassifierOptions.MaxLengthLimit), vocabularySize, names);
    }

    /// <summary>Throws for an empty sequence or an id outside [<see cref="TextClassifier.UnknownTokenId"/>, <paramref name="vocabularySize"/>), naming parameter 'tokenIds', the row and the position.</summary>
    private static void Check(ReadOnlySpan<int> ids, int vocabularySize, int? row)
    {
        RequireTokens(ids.Length, ParameterName, row);
        for (int t = 0; t < ids.Length; t++)
        {
            if (ids[t] < TextClassifier.UnknownTokenId || ids[t] >= vocabularySize)
            {
                string where = row is { } r ? $"row {r}, position {t}" : $"position {t}";
                throw new ArgumentException(
                    $"Parameter '{ParameterName}' has the id {ids[t]} at {where}; ids must be in [0, {vocabularySize}), or {TextClassifier.UnknownTokenId} for a token outside the vocabulary.",
                    ParameterName);
            }
        }
    }
}
