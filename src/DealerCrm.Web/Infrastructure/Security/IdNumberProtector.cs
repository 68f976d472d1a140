using Microsoft.AspNetCore.DataProtection;

namespace DealerCrm.Web.Infrastructure.Security;

/// <summary>
/// Encrypts resident ID numbers at rest with ASP.NET Core Data Protection (AES-256-CBC with HMAC-SHA256, i.e.
/// authenticated encryption), whose keys live in PostgreSQL and are shared by every instance. The clear number
/// leaves this class only for an audited reveal.
/// </summary>
public sealed class IdNumberProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("DealerCrm.Customers.IdNumber.v1");

    public string Protect(string normalizedIdNumber) => _protector.Protect(normalizedIdNumber);

    public string Unprotect(string protectedIdNumber) => _protector.Unprotect(protectedIdNumber);
}
