using DealerCrm.Domain.Customers;

namespace DealerCrm.Domain.Tests.Customers;

public sealed class A_complete_postal_address
{
    [Theory]
    [InlineData("浙江省杭州市西湖区文三路100号")]
    [InlineData("北京市朝阳区建国路88号")]
    [InlineData("北京朝阳区建国路88号")]
    [InlineData("广西壮族自治区南宁市青秀区民族大道 12 号")]
    [InlineData("内蒙古自治区锡林郭勒盟锡林浩特市额尔敦路7号")]
    [InlineData("浙江省杭州市西湖区文三路１００号")]
    [InlineData("浙江省杭州市西湖区文三路\u00A0100\u3000号")]
    [InlineData("\u3000 北京市东城区东四胡同3号 ")]
    [InlineData("浙江省杭٣州市西湖区文三路100号")]
    public void Names_province_city_district_street_and_number(string address) =>
        PostalAddress.IsComplete(address, "310000").Should().BeTrue();

    [Theory]
    [InlineData("浙江省杭州市文三路100号")]
    [InlineData("浙江省杭州市西湖区文三路100")]
    [InlineData("浙江省杭州市西湖区100号")]
    [InlineData("杭州市西湖区文三路100号")]
    [InlineData("北京朝阳区建国路八十八号")]
    [InlineData("浙江省1杭州市西湖区文三路100号")]
    [InlineData("浙江省杭州市西湖区文三路١٠٠号")]
    [InlineData(" 北 京市朝阳区建国路88号")]
    public void Misses_a_part_or_its_order(string address) =>
        PostalAddress.IsComplete(address, "310000").Should().BeFalse();

    [Theory]
    [InlineData("31000")]
    [InlineData("3100000")]
    [InlineData("31000A")]
    [InlineData("３１００００")]
    [InlineData(" 310000")]
    [InlineData("")]
    [InlineData(null)]
    public void Has_a_postcode_of_six_ascii_digits(string? postcode) =>
        PostalAddress.IsComplete("浙江省杭州市西湖区文三路100号", postcode).Should().BeFalse();
}
