using DealerCrm.Domain.Common;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Vehicles;

namespace DealerCrm.Domain.Tests.Service;

public sealed class A_repair_order
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8));

    private static Vehicle Car() =>
        Vehicle.RegisterAtFirstVisit(1, Vin.WithCheckDigit("LSVAU2180N2000001"), null, null, "朗逸", null, 7, null, Now);

    private static ServiceVisit Open(string? orderNumber = "WO-1", ServiceTypes types = ServiceTypes.Maintenance,
        decimal? amount = 680m, DateTimeOffset? openedAt = null, string? broughtByMobile = "13900001111") =>
        new(1, orderNumber, Car(), 7, openedAt ?? Now.AddHours(-2), 12_000, null, types, amount, 5, null, "王师傅",
            broughtByMobile, acceptsCallback: true, null, "after 18:00", Now);

    [Fact]
    public void Is_opened_with_who_brought_the_car_and_their_consent()
    {
        var visit = Open();
        (visit.OrderNumber, visit.BroughtByName, visit.BroughtByMobile, visit.AcceptsCallback, visit.IsCompleted)
            .Should().Be(("WO-1", "王师傅", "13900001111", true, false));
    }

    [Fact]
    public void Calls_the_one_who_brought_the_car_before_the_owner()
    {
        Open().NumberToCall("13800138000").Should().Be("13900001111");
        Open(broughtByMobile: null).NumberToCall("13800138000").Should().Be("13800138000");
    }

    [Theory]
    [InlineData(null, "Service.OrderNumberRequired")]
    [InlineData("  ", "Service.OrderNumberRequired")]
    [InlineData("WO 1", "Service.OrderNumberInvalid")]
    public void Needs_an_order_number_without_spaces(string? number, string message) =>
        FluentActions.Invoking(() => Open(number)).Should().Throw<DomainException>().Which.MessageKey.Should().Be(message);

    [Fact]
    public void Needs_a_known_service_type()
    {
        FluentActions.Invoking(() => Open(types: ServiceTypes.None)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Service.TypeRequired");
        FluentActions.Invoking(() => Open(types: (ServiceTypes)4096)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Service.TypeInvalid");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10_000_000.01)]
    [InlineData(1.005)]
    public void Refuses_an_amount_out_of_range(decimal amount) =>
        FluentActions.Invoking(() => Open(amount: amount)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Service.AmountRange");

    [Fact]
    public void Cannot_be_opened_in_the_future() =>
        FluentActions.Invoking(() => Open(openedAt: Now.AddHours(1))).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Service.OpenedInFuture");

    [Fact]
    public void Is_completed_as_a_separate_step_and_a_later_completion_replaces_the_first()
    {
        var visit = Open();
        visit.Complete(Now.AddHours(-1), Now);
        visit.Complete(Now, Now);
        visit.CompletedAt.Should().Be(Now.ToUniversalTime());
        FluentActions.Invoking(() => visit.Complete(Now.AddMinutes(-30), Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Service.AlreadyCompleted");
    }

    [Fact]
    public void Cannot_be_completed_before_it_was_opened_or_in_the_future()
    {
        var visit = Open();
        FluentActions.Invoking(() => visit.Complete(Now.AddHours(-3), Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Service.CompletedBeforeOpened");
        FluentActions.Invoking(() => visit.Complete(Now.AddHours(2), Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Service.CompletedInFuture");
    }

    [Theory]
    [InlineData(ServiceTypes.Maintenance, true)]
    [InlineData(ServiceTypes.FirstMaintenance, true)]
    [InlineData(ServiceTypes.BodyAndPaint | ServiceTypes.Accessories, true)]
    [InlineData(ServiceTypes.PartsCounter, false)]
    [InlineData(ServiceTypes.InsuranceRenewal | ServiceTypes.InspectionAgency, false)]
    [InlineData(ServiceTypes.RoadsideRescue | ServiceTypes.Accessories, false)]
    public void Causes_an_after_sales_callback_only_for_workshop_types(ServiceTypes types, bool workshop) =>
        types.IsWorkshop().Should().Be(workshop);
}
