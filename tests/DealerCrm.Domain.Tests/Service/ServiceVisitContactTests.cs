using DealerCrm.Domain.Common;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Vehicles;

namespace DealerCrm.Domain.Tests.Service;

/// <summary>The advisor's data-fix: correcting who brought the car and their mobile after a wrong-number callback.</summary>
public sealed class ServiceVisitContactTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);

    private static ServiceVisit Visit()
    {
        var vehicle = Vehicle.RegisterAtFirstVisit(1, Vin.WithCheckDigit("LSVAU2180N2183294"), null, "大众", "朗逸", null,
            7, null, Now);
        return new ServiceVisit(1, "RO-1", vehicle, 7, Now.AddHours(-2), 12_000, null, ServiceTypes.Maintenance, 380m,
            3, null, "李师傅", "13800138000", acceptsCallback: true, null, null, Now);
    }

    [Fact]
    public void Correcting_the_contact_sets_the_new_name_and_mobile_and_clears_the_wrong_number_flag()
    {
        var visit = Visit();
        visit.ReportWrongNumber(Now);

        visit.CorrectContact(" 李强 ", "139 0013 9000", Now.AddHours(1));

        visit.BroughtByName.Should().Be("李强");
        visit.BroughtByMobile.Should().Be("13900139000");
        visit.WrongNumberReportedAt.Should().BeNull();
        visit.UpdatedAt.Should().Be(Now.AddHours(1));
        visit.NumberToCall("13700000000").Should().Be("13900139000");
    }

    [Fact]
    public void A_bad_mobile_is_refused_and_nothing_changes()
    {
        var visit = Visit();
        visit.ReportWrongNumber(Now);

        var act = () => visit.CorrectContact("李强", "12345", Now.AddHours(1));

        act.Should().Throw<DomainException>().Which.Field.Should().Be(nameof(ServiceVisit.BroughtByMobile));
        visit.BroughtByMobile.Should().Be("13800138000");
        visit.BroughtByName.Should().Be("李师傅");
        visit.WrongNumberReportedAt.Should().Be(Now);
    }

    [Fact]
    public void Clearing_the_contact_means_the_owner_brought_the_car()
    {
        var visit = Visit();

        visit.CorrectContact(null, " ", Now);

        visit.BroughtByName.Should().BeNull();
        visit.BroughtByMobile.Should().BeNull();
        visit.NumberToCall("13700000000").Should().Be("13700000000");
    }
}
