using System.Text.RegularExpressions;
using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Customers;

/// <summary>
/// A complete postal address (spec 6.6, data quality): the address text names, in order, a province (省, 自治区,
/// 特别行政区, or one of the four municipalities, which are their own city), a city (市, 州, 盟, 地区), a district (区,
/// 县, 旗, or a county-level 市), a street (路, 街, 道, 巷, 胡同, 弄, 里, 村) and a number (digits then 号), and its
/// postcode is 6 digits. Either the home address with the home postcode or the work address with the work postcode.
/// The one definition: the data-quality report counts with it, in SQL with the same two patterns
/// (<see cref="AddressPattern"/>, <see cref="PostcodePattern"/>), which .NET and PostgreSQL read alike
/// (<see cref="PortableRegex"/>).
/// </summary>
public static partial class PostalAddress
{
    /// <summary>
    /// The address's shape, from its first character that is not white space (as if trimmed). A "digit" of the house
    /// number is an ASCII or a full-width one (０-９), and the names before it hold neither; other scripts' digits
    /// count as letters.
    /// </summary>
    public const string AddressPattern =
        "^" + PortableRegex.WhiteSpace + "*(?!" + PortableRegex.WhiteSpace + ")"
        + "(?:(?:北京|天津|上海|重庆)市?|" + NotDigit + "+?(?:省|自治区|特别行政区)" + NotDigit + "+?(?:市|州|盟|地区))"
        + NotDigit + "+?(?:区|县|旗|市)" + NotDigit + "*?(?:路|街|大道|道|巷|胡同|弄|里|村)"
        + PortableRegex.WhiteSpace + "*" + Digit + "+" + PortableRegex.WhiteSpace + "*号";

    /// <summary>
    /// Six ASCII digits. (.NET's <c>$</c> would also accept six digits and a final line feed, PostgreSQL's would not;
    /// the postcode columns hold at most six characters, so no stored value tells them apart.)
    /// </summary>
    public const string PostcodePattern = "^[0-9]{6}$";

    private const string Digit = "[0-9０-９]";
    private const string NotDigit = "[^0-9０-９]";

    public static bool IsComplete(string? address, string? postcode) =>
        address is not null && postcode is not null && Postcode().IsMatch(postcode) && Shape().IsMatch(address);

    public static bool IsComplete(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return IsComplete(customer.HomeAddress, customer.HomePostcode) || IsComplete(customer.WorkAddress, customer.WorkPostcode);
    }

    [GeneratedRegex(PostcodePattern)]
    private static partial Regex Postcode();

    [GeneratedRegex(AddressPattern)]
    private static partial Regex Shape();
}
