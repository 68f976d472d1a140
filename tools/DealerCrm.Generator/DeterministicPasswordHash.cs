using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DealerCrm.Generator;

/// <summary>
/// One password hash for every generated account, in ASP.NET Core Identity's V3 format (PBKDF2-HMAC-SHA512, the
/// app's 210,000 iterations, 16-byte salt, 32-byte subkey), so the app's PasswordHasher verifies it. The salt comes
/// from the seed, so the users table is as deterministic as the rest; hashing once instead of per user is what makes
/// hundreds of accounts cheap.
/// </summary>
public static class DeterministicPasswordHash
{
    public const int IterationCount = 210_000;

    public static string Create(string password, long seed)
    {
        var salt = SHA256.HashData(Encoding.UTF8.GetBytes($"dealercrm-generator-salt:{seed}"))[..16];
        var subkey = Rfc2898DeriveBytes.Pbkdf2(password, salt, IterationCount, HashAlgorithmName.SHA512, 32);
        var output = new byte[13 + salt.Length + subkey.Length];
        output[0] = 0x01; // format marker: V3
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(1), 2); // KeyDerivationPrf.HMACSHA512
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(5), IterationCount);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(9), (uint)salt.Length);
        salt.CopyTo(output, 13);
        subkey.CopyTo(output, 13 + salt.Length);
        return Convert.ToBase64String(output);
    }
}
