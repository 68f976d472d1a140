using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Tests.Common;

public sealed class A_vin_check_digit
{
    // 1M8GDM9AXKP042788 is the worked example of the check-digit scheme (49 CFR 565): its 9th character is X.
    [Theory]
    [InlineData("1M8GDM9AXKP042788", 'X')]
    [InlineData("LSVAU218XN2183294", 'X')]
    [InlineData("LFV2A21K0D3123456", '0')]
    public void Is_computed_over_the_other_sixteen_characters(string vin, char digit) =>
        Vin.CheckDigit(vin).Should().Be(digit);

    [Fact]
    public void Refuses_a_vin_whose_ninth_character_does_not_match() =>
        FluentActions.Invoking(() => Vin.Normalize("LSVAU2180N2183294")).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Vin.CheckDigit");

    [Fact]
    public void Catches_two_swapped_characters() =>
        FluentActions.Invoking(() => Vin.Normalize("LSVUA218XN2183294")).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Vin.CheckDigit");

    [Fact]
    public void Accepts_a_valid_vin_in_lower_case_with_spaces() =>
        Vin.Normalize(" lsvau218x n2183294 ").Should().Be("LSVAU218XN2183294");

    [Fact]
    public void Can_be_written_into_any_seventeen_allowed_characters()
    {
        var vin = Vin.WithCheckDigit("LSVAU2180N2000001");
        Vin.Normalize(vin).Should().Be(vin);
    }

    [Theory]
    [InlineData("LSVAU2180N2183294", "LSVAU2180N2183294")]
    [InlineData("lsvau2180n2183294", "LSVAU2180N2183294")]
    [InlineData("LSVAU2180N218329O", null)]
    [InlineData("LSVAU2180N21832", null)]
    public void Shape_only_is_what_a_search_box_takes(string typed, string? found) =>
        Vin.TryNormalizeShape(typed).Should().Be(found);
}
