using DealerCrm.Domain.Common;
using DealerCrm.Domain.Vehicles;

namespace DealerCrm.Domain.Tests.Vehicles;

public sealed class A_vehicle_file
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8));

    private static Vehicle SoldElsewhere() =>
        Vehicle.RegisterAtFirstVisit(1, Vin.WithCheckDigit("LSVAU2180N2000001"), "沪A12345", "大众", "朗逸", null, 7, null, Now);

    [Fact]
    public void Of_a_car_sold_elsewhere_starts_at_its_first_visit_in_use_and_without_a_sale()
    {
        var car = SoldElsewhere();
        (car.SoldByUs, car.DeliveryDate, car.PurchaseDate, car.Status, car.FirstServiceDate)
            .Should().Be((false, (DateOnly?)null, (DateOnly?)null, VehicleStatus.InUse, (DateOnly?)null));
    }

    [Fact]
    public void Refuses_a_car_sold_elsewhere_without_a_model() =>
        FluentActions.Invoking(() => Vehicle.RegisterAtFirstVisit(1, Vin.WithCheckDigit("LSVAU2180N2000001"), null, null,
                " ", null, 7, null, Now))
            .Should().Throw<DomainException>().Which.Field.Should().Be("Model");

    [Fact]
    public void Records_the_first_visit_and_the_latest_mileage()
    {
        var car = SoldElsewhere();
        car.RecordServiceVisit(new DateOnly(2026, 3, 1), 5_000);
        car.RecordServiceVisit(new DateOnly(2026, 9, 1), 11_000);
        (car.FirstServiceDate, car.FirstServiceMileage, car.LatestMileage, car.LatestMileageDate)
            .Should().Be((new DateOnly(2026, 3, 1), 5_000, 11_000, new DateOnly(2026, 9, 1)));
    }

    [Fact]
    public void Keeps_the_highest_mileage_when_an_explained_lower_reading_comes_in()
    {
        var car = SoldElsewhere();
        car.RecordServiceVisit(new DateOnly(2026, 3, 1), 20_000);
        car.CheckMileage(800, "instrument cluster replaced").Should().Be("instrument cluster replaced");
        car.RecordServiceVisit(new DateOnly(2026, 4, 1), 800);
        car.LatestMileage.Should().Be(20_000);
    }

    [Fact]
    public void Refuses_a_lower_mileage_without_a_reason()
    {
        var car = SoldElsewhere();
        car.RecordServiceVisit(new DateOnly(2026, 3, 1), 20_000);
        FluentActions.Invoking(() => car.CheckMileage(19_999, "  ")).Should().Throw<DomainException>()
            .Which.Should().Match<DomainException>(e => e.MessageKey == "Service.MileageBelowLast" && (int)e.Arguments[0] == 20_000);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2_000_001)]
    [InlineData(int.MaxValue)]
    public void Refuses_an_absurd_mileage(int mileage) =>
        FluentActions.Invoking(() => SoldElsewhere().CheckMileage(mileage, null)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Service.MileageRange");

    [Fact]
    public void Keeps_its_status_history()
    {
        var car = SoldElsewhere();
        car.ChangeStatus(VehicleStatus.Sold, 3, "sold to a private buyer", Now);
        car.ChangeStatus(VehicleStatus.InUse, 3, "bought back", Now.AddDays(30));
        car.StatusChanges.Select(c => (c.From, c.To, c.Reason)).Should().Equal(
            (VehicleStatus.InUse, VehicleStatus.Sold, "sold to a private buyer"),
            (VehicleStatus.Sold, VehicleStatus.InUse, "bought back"));
        car.Status.Should().Be(VehicleStatus.InUse);
    }

    [Fact]
    public void Refuses_a_status_change_to_the_same_status_or_an_unknown_one()
    {
        var car = SoldElsewhere();
        FluentActions.Invoking(() => car.ChangeStatus(VehicleStatus.InUse, 3, null, Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Vehicle.StatusUnchanged");
        FluentActions.Invoking(() => car.ChangeStatus((VehicleStatus)42, 3, null, Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Vehicle.StatusInvalid");
    }

    [Fact]
    public void Refuses_insurance_and_inspection_dates_nobody_means() =>
        FluentActions.Invoking(() => SoldElsewhere().UpdateInsuranceAndInspection("人保", new DateOnly(9999, 1, 1), null))
            .Should().Throw<DomainException>().Which.Field.Should().Be("InsuranceExpiry");
}
