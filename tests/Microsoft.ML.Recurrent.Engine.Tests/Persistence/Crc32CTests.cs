using System.Text;
using Microsoft.ML.Recurrent.Engine.Persistence;

namespace Microsoft.ML.Recurrent.Engine.Tests.Persistence;

/// <summary>CRC-32C against published test vectors (RFC 3720 appendix B.4 and the "123456789" check value); hardware and table paths agree.</summary>
public class Crc32CTests
{
    public static TheoryData<byte[], uint> Vectors() => new()
    {
        { Array.Empty<byte>(), 0x00000000u },
        { Encoding.ASCII.GetBytes("123456789"), 0xE3069283u },
        { new byte[32], 0x8A9136AAu },
        { Enumerable.Repeat((byte)0xFF, 32).ToArray(), 0x62A8AB43u },
        { Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), 0x46DD794Eu },
        { Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray(), 0x113FDB5Cu },
        {
            Convert.FromHexString(
                "01C00000000000000000000000000000" + "14000000000004000000001400000018" + "28000000000000000200000000000000"),
            0xD9963A56u
        },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void MatchesKnownVectors(byte[] data, uint expected)
    {
        Assert.Equal(expected, Crc32C.Compute(data));
        Assert.Equal(expected, Crc32C.AppendSoftware(0, data));
        if (Crc32C.IsHardwareAccelerated)
        {
            Assert.Equal(expected, Crc32C.AppendHardware(0, data));
        }
    }

    [Fact]
    public void HardwareAndSoftwareAgreeOnRandomData()
    {
        var random = new Random(7);
        var lengths = Enumerable.Range(0, 130).Concat([1000, 4093, 65536, 1 << 20]);
        foreach (int length in lengths)
        {
            var data = new byte[length];
            random.NextBytes(data);
            uint seed = (uint)random.Next();
            uint software = Crc32C.AppendSoftware(seed, data);
            Assert.Equal(software, Crc32C.Append(seed, data));
            if (Crc32C.IsHardwareAccelerated)
            {
                Assert.Equal(software, Crc32C.AppendHardware(seed, data));
            }
        }
    }

    [Fact]
    public void AppendingPiecesEqualsComputingTheWhole()
    {
        var random = new Random(11);
        var data = new byte[5000];
        random.NextBytes(data);
        uint whole = Crc32C.Compute(data);
        for (int trial = 0; trial < 50; trial++)
        {
            int a = random.Next(data.Length + 1), b = random.Next(data.Length + 1);
            (a, b) = (Math.Min(a, b), Math.Max(a, b));
            uint crc = Crc32C.Append(Crc32C.Append(Crc32C.Append(0, data.AsSpan(0, a)), data.AsSpan(a, b - a)), data.AsSpan(b));
            Assert.Equal(whole, crc);
            Assert.Equal(whole, Crc32C.AppendSoftware(Crc32C.AppendSoftware(0, data.AsSpan(0, a)), data.AsSpan(a)));
        }
    }

    [Fact]
    public void DetectsEverySingleBitFlip()
    {
        var data = Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog");
        uint original = Crc32C.Compute(data);
        for (int bit = 0; bit < data.Length * 8; bit++)
        {
            data[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(original, Crc32C.Compute(data));
            data[bit / 8] ^= (byte)(1 << (bit % 8));
        }
    }
}
