using DealerCrm.Domain.Common;
using DealerCrm.Domain.Customers;

namespace DealerCrm.Domain.Tests.Customers;

public sealed class A_customers_fixed_information
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Changes_all_together_or_not_at_all()
    {
        var customer = new Customer(1, "钱女士", Gender.Female, "13800138000", Now);

        var act = () => customer.UpdateFixedInformation(new FixedInformation
        {
            Name = "钱晓红",
            Gender = Gender.Female,
            Mobile = "13800138000",
            Occupation = "教师",
            HomePostcode = "2001",
        }, Now);

        act.Should().Throw<DomainException>().Which.Field.Should().Be("HomePostcode");
        (customer.Name, customer.Occupation).Should().Be(("钱女士", null));
    }

    [Fact]
    public void Keeps_its_mobile_while_it_has_a_lead_card_and_may_drop_it_without_one()
    {
        var customer = new Customer(1, "钱女士", Gender.Female, "13800138000", Now);
        var withoutMobile = new FixedInformation { Name = "钱女士", Gender = Gender.Female, Mobile = " ", Occupation = "教师" };

        var act = () => customer.UpdateFixedInformation(withoutMobile, Now, hasLeadCard: true);

        act.Should().Throw<DomainException>().Which.Should().Match<DomainException>(e =>
            e.MessageKey == "Customer.MobileRequiredForCard" && e.Field == "Mobile");
        (customer.Mobile, customer.Occupation).Should().Be(("13800138000", null));
        customer.UpdateFixedInformation(withoutMobile, Now, hasLeadCard: false);
        customer.Mobile.Should().BeNull("a walk-in's file without a card needs no mobile");
    }

    [Fact]
    public void Keeps_the_id_number_only_as_cipher_text_and_mask_and_takes_the_birthday_from_it()
    {
        var customer = new Customer(1, "钱女士", Gender.Female, "13800138000", Now);

        customer.RecordIdNumber("11010519491231002X", n => $"cipher({n.Length})", Now);

        customer.IdNumberProtected.Should().Be("cipher(18)");
        customer.IdNumberMasked.Should().Be("110***********002X");
        customer.Birthday.Should().Be(new DateOnly(1949, 12, 31));
    }

    [Fact]
    public void Needs_a_reason_to_be_blacklisted_and_forgets_it_when_taken_off()
    {
        var customer = new Customer(1, "钱女士", Gender.Female, null, Now);

        FluentActions.Invoking(() => customer.SetFlags(false, false, true, " ", Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Customer.BlacklistReasonRequired");
        customer.SetFlags(true, false, true, "恶意投诉", Now);
        customer.BlacklistReason.Should().Be("恶意投诉");
        customer.SetFlags(true, false, false, "恶意投诉", Now);
        customer.BlacklistReason.Should().BeNull();
    }

    [Fact]
    public void Records_when_each_consent_last_changed()
    {
        var customer = new Customer(1, "钱女士", Gender.Female, null, Now);

        customer.SetConsent(marketing: true, callbacks: false, null, null, Now);
        customer.SetConsent(marketing: true, callbacks: true, "晚上", null, Now.AddDays(1));

        customer.MarketingConsentChangedAt.Should().Be(Now, "marketing consent did not change the second time");
        customer.CallbackConsentChangedAt.Should().Be(Now.AddDays(1));
        customer.PreferredContactTime.Should().Be("晚上");
    }
}

public sealed class Information_completeness
{
    private static readonly CompletenessFacts Full = new()
    {
        Name = "钱女士",
        GenderKnown = true,
        Region = "浦东",
        IntendedModel = "哈弗H6",
        CompetitorModels = "星越L",
        HeardOfUsFrom = "朋友",
        ContactNumber = "13800138000",
        IntendedUse = "家用",
        PurchaseTypeKnown = true,
        Industry = "教育",
        Occupation = "教师",
        Employer = "实验中学",
        Address = "浦东新区",
        BirthdayKnown = true,
        PaymentMethodKnown = true,
        OtherNeeds = "需要儿童座椅",
    };

    [Fact]
    public void Is_five_when_everything_is_known_and_zero_without_a_name() =>
        (InformationCompleteness.Level(Full), InformationCompleteness.Level(Full with { Name = null }))
            .Should().Be((5, 0));

    [Theory]
    [InlineData(1, "Region")]
    [InlineData(2, "IntendedUse")]
    [InlineData(3, "Employer")]
    [InlineData(4, "OtherNeeds")]
    public void Stops_at_the_level_below_the_first_missing_field_whatever_is_known_above(int level, string missing)
    {
        var facts = missing switch
        {
            "Region" => Full with { Region = " " },
            "IntendedUse" => Full with { IntendedUse = null },
            "Employer" => Full with { Employer = null },
            _ => Full with { OtherNeeds = null },
        };

        InformationCompleteness.Level(facts).Should().Be(level);
    }
}
