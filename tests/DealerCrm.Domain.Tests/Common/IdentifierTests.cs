using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Tests.Common;

public sealed class A_mobile_number
{
    [Theory]
    [InlineData("+86 138-0013-8000", "13800138000")]
    [InlineData("13800138000", "13800138000")]
    [InlineData("0086 13800138000", "13800138000")]
    [InlineData("86 138 0013 8000", "13800138000")]
    [InlineData("(138) 0013.8000", "13800138000")]
    [InlineData("138\u30000013\u30008000", "13800138000")]
    public void Is_stored_as_its_eleven_digits_whatever_the_spaces_dashes_and_prefix(string typed, string stored) =>
        ChineseMobile.Normalize(typed).Should().Be(stored);

    [Theory]
    [InlineData("1380013800", "Mobile.TooShort")]
    [InlineData("138001380001", "Mobile.TooLong")]
    [InlineData("12800138000", "Mobile.Invalid")]
    [InlineData("23800138000", "Mobile.Invalid")]
    [InlineData("138OO138000", "Mobile.Invalid")]
    [InlineData("+1 415-555-0100", "Mobile.Invalid")]
    [InlineData("138+00138000", "Mobile.Invalid")]
    [InlineData("--", "Mobile.Required")]
    [InlineData("", "Mobile.Required")]
    [InlineData("   ", "Mobile.Required")]
    public void Is_refused_when_too_short_too_long_or_not_a_mainland_mobile(string typed, string message) =>
        FluentActions.Invoking(() => ChineseMobile.Normalize(typed)).Should().Throw<DomainException>()
            .Which.Should().Match<DomainException>(e => e.MessageKey == message && e.Field == "Mobile");

    [Fact]
    public void Is_masked_in_the_middle() => ChineseMobile.Mask("13800138000").Should().Be("138****8000");
}

public sealed class A_resident_id_number
{
    // 11010519491231002: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 give a sum of 167; 167 mod 11 = 2 → 'X'.
    private const string Valid = "11010519491231002X";

    [Fact]
    public void Is_accepted_with_its_gb_11643_check_character_and_upper_cased()
    {
        ResidentIdNumber.Normalize(" 11010519491231002x ").Should().Be(Valid);
        ResidentIdNumber.CheckCharacter("11010519491231002").Should().Be('X');
        ResidentIdNumber.BirthDate(Valid).Should().Be(new DateOnly(1949, 12, 31));
    }

    [Theory]
    [InlineData("110105194912310021", "IdNumber.CheckDigit")]
    [InlineData("11010519491231002", "IdNumber.Length")]
    [InlineData("11010519491231002XX", "IdNumber.Length")]
    [InlineData("1101051949123100AX", "IdNumber.Invalid")]
    [InlineData("11010519491331002X", "IdNumber.BirthDateInvalid")]
    [InlineData("11010518991231002X", "IdNumber.BirthDateInvalid")]
    public void Is_refused_with_the_reason(string typed, string message) =>
        FluentActions.Invoking(() => ResidentIdNumber.Normalize(typed)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be(message);

    [Fact]
    public void Is_masked_to_its_first_three_and_last_four_characters() =>
        ResidentIdNumber.Mask(Valid).Should().Be("110***********002X").And.HaveLength(18);
}

public sealed class Contact_details
{
    [Theory]
    [InlineData("200120", "200120")]
    [InlineData(" 200120 ", "200120")]
    [InlineData("", null)]
    public void A_postcode_has_six_digits_or_is_absent(string typed, string? stored) =>
        Postcode.NormalizeOptional(typed, "HomePostcode").Should().Be(stored);

    [Theory]
    [InlineData("20012")]
    [InlineData("2001201")]
    [InlineData("20O120")]
    public void A_postcode_of_another_shape_is_refused(string typed) =>
        FluentActions.Invoking(() => Postcode.NormalizeOptional(typed, "HomePostcode")).Should().Throw<DomainException>()
            .Which.Should().Match<DomainException>(e => e.MessageKey == "Postcode.Invalid" && e.Field == "HomePostcode");

    [Theory]
    [InlineData("li.ming@example.com", true)]
    [InlineData("li.ming@example", false)]
    [InlineData("li ming@example.com", false)]
    [InlineData("@example.com", false)]
    public void An_email_needs_a_name_an_at_and_a_domain(string typed, bool valid) =>
        Throws(() => EmailAddress.NormalizeOptional(typed, "Email")).Should().Be(!valid);

    [Fact]
    public void Free_text_is_trimmed_limited_and_free_of_control_characters()
    {
        Text.Optional("  备注  ", 10, "Notes").Should().Be("备注");
        Text.Optional("   ", 10, "Notes").Should().BeNull();
        FluentActions.Invoking(() => Text.Optional(new string('字', 11), 10, "Notes")).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Validation.MaxLength");
        FluentActions.Invoking(() => Text.Optional("a\u0000b", 10, "Notes")).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Validation.ControlCharacters");
    }

    private static bool Throws(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (DomainException)
        {
            return true;
        }
    }
}
