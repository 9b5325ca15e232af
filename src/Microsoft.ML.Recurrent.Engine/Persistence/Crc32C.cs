using System.Buffers.Binary;
using System.Runtime.InteropServices;
using ArmCrc32 = System.Runtime.Intrinsics.Arm.Crc32;
using X86Sse42 = System.Runtime.Intrinsics.X86.Sse42;

namespace Microsoft.ML.Recurrent.Engine.Persistence;

/// <summary>
/// CRC-32C (Castagnoli: reflected polynomial 0x82F63B78, initial value and final xor 0xFFFFFFFF), the checksum
/// of iSCSI, ext4 and Btrfs. Uses the CPU's CRC32 instruction (SSE4.2 on x86/x64, the CRC extension on Arm64)
/// when present, else a slicing-by-8 table. Values compose: <c>Append(Append(0, a), b) == Compute(a ++ b)</c>.
/// </summary>
internal static class Crc32C
{
    private const uint Polynomial = 0x82F63B78u;

    /// <summary>Eight 256-entry tables: <c>Table[k * 256 + b]</c> is the CRC register after byte b followed by k zero bytes.</summary>
    private static readonly uint[] Table = BuildTable();

    /// <summary>Whether <see cref="Append"/> uses a hardware CRC32 instruction.</summary>
    public static bool IsHardwareAccelerated => X86Sse42.X64.IsSupported || X86Sse42.IsSupported || ArmCrc32.Arm64.IsSupported;

    /// <summary>CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Extends <paramref name="crc"/>, the CRC-32C of some preceding bytes (0 for none), with <paramref name="data"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data) =>
        IsHardwareAccelerated ? AppendHardware(crc, data) : AppendSoftware(crc, data);

    /// <summary>Table-driven path, available everywhere.</summary>
    internal static uint AppendSoftware(uint crc, ReadOnlySpan<byte> data)
    {
        uint register = ~crc;
        var table = Table;
        while (data.Length >= 8)
        {
            uint low = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ register;
            uint high = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            register = table[(7 * 256) + (byte)low] ^ table[(6 * 256) + (byte)(low >> 8)]
                ^ table[(5 * 256) + (byte)(low >> 16)] ^ table[(4 * 256) + (low >> 24)]
                ^ table[(3 * 256) + (byte)high] ^ table[(2 * 256) + (byte)(high >> 8)]
                ^ table[256 + (byte)(high >> 16)] ^ table[high >> 24];
            data = data[8..];
        }

        foreach (byte b in data)
        {
            register = table[(byte)(register ^ b)] ^ (register >> 8);
        }

        return ~register;
    }

    /// <summary>Instruction path; throws <see cref="PlatformNotSupportedException"/> when <see cref="IsHardwareAccelerated"/> is false.</summary>
    internal static uint AppendHardware(uint crc, ReadOnlySpan<byte> data)
    {
        uint register = ~crc;
        if (X86Sse42.X64.IsSupported)
        {
            ulong wide = register;
            for (; data.Length >= 8; data = data[8..])
            {
                wide = X86Sse42.X64.Crc32(wide, MemoryMarshal.Read<ulong>(data));
            }

            register = (uint)wide;
        }
        else if (X86Sse42.IsSupported)
        {
            for (; data.Length >= 4; data = data[4..])
            {
                register = X86Sse42.Crc32(register, MemoryMarshal.Read<uint>(data));
            }
        }
        else if (ArmCrc32.Arm64.IsSupported)
        {
            for (; data.Length >= 8; data = data[8..])
            {
                register = ArmCrc32.Arm64.ComputeCrc32C(register, MemoryMarshal.Read<ulong>(data));
            }
        }
        else
        {
            throw new PlatformNotSupportedException("This CPU has no CRC32 instruction.");
        }

        foreach (byte b in data)
        {
            register = X86Sse42.IsSupported ? X86Sse42.Crc32(register, b) : ArmCrc32.ComputeCrc32C(register, b);
        }

        return ~register;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint b = 0; b < 256; b++)
        {
            uint register = b;
            for (int bit = 0; bit < 8; bit++)
            {
                register = (register & 1) != 0 ? (register >> 1) ^ Polynomial : register >> 1;
            }

            table[b] = register;
        }

        for (int k = 1; k < 8; k++)
        {
            for (int b = 0; b < 256; b++)
            {
                uint previous = table[((k - 1) * 256) + b];
                table[(k * 256) + b] = (previous >> 8) ^ table[(byte)previous];
            }
        }

        return table;
    }
}
