using System.Text.RegularExpressions;

namespace DealerCrm.Domain.Customers;

/// <summary>
/// A complete postal address (spec 6.6, data quality): the address text names, in order, a province (省, 自治区,
/// 特别行政区, or one of the four municipalities, which are their own city), a city (市, 州, 盟, 地区), a district (区,
/// 县, 旗, or a county-level 市), a street (路, 街, 道, 巷, 胡同, 弄, 里, 村) and a number (digits then 号), and its
/// postcode is 6 digits. Either the home address with the home postcode or the work address with the work postcode.
/// The one definition: the data-quality report counts with it.
/// </summary>
public static partial class PostalAddress
{
    public static bool IsComplete(string? address, string? postcode) =>
        address is not null && postcode is not null && Postcode().IsMatch(postcode) && Shape().IsMatch(address.Trim());

    public static bool IsComplete(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return IsComplete(customer.HomeAddress, customer.HomePostcode) || IsComplete(customer.WorkAddress, customer.WorkPostcode);
    }

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex Postcode();

    [GeneratedRegex(@"^(?:(?:北京|天津|上海|重庆)市?|[^\d]+?(?:省|自治区|特别行政区)[^\d]+?(?:市|州|盟|地区))[^\d]+?(?:区|县|旗|市)[^\d]*?(?:路|街|大道|道|巷|胡同|弄|里|村)\s*[0-9０-９]+\s*号")]
    private static partial Regex Shape();
}
