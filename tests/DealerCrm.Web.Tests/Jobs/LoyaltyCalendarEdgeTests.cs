using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Jobs;

/// <summary>
/// Calendar months at the edges: the recalculation takes each store's today as a month index (year × 12 + month) and day
/// of month computed here (LoyaltyRecalculationJob.MonthIndex) and each order's and anchor's from <c>date_part</c> in
/// SQL, once per row. Cars serviced on month ends and leap days, in a store with a fixed offset and one by its zone's
/// name, must come out as the domain rules say: in 1995 and 2060, up to 2100 with a store's today in 2101, and with
/// orders moved 400 years either way by SQL, as a database written around the domain could hold them (the same
/// weekdays and leap days, outside the days people may type).
/// </summary>
public sealed class LoyaltyCalendarEdgeTests(AppFixture app) : LoyaltyJobTestBase(app)
{
    [Fact]
    public async Task Cars_serviced_inside_at_the_ends_of_and_outside_the_calendar_are_what_the_domain_rules_give()
    {
        var shanghai = await StoreAsync("SH");
        var losAngeles = await StoreAsync("LA", "America/Los_Angeles");
        var moved = new List<(long VehicleId, int Years)>();
        var runs = new List<DateTimeOffset>();
        foreach (var (year, shift) in new[] { (1995, 0), (2059, 0), (2099, 0), (2003, -400), (2003, 400) })
        {
            var anchor = new DateOnly(year, 8, 31); // six months on is the end of February; in 2060 and 2004, the 29th
            foreach (var store in new[] { shanghai, losAngeles })
            {
                foreach (var car in await CarsServicedAsync(store, anchor, $"{store.Code}{year}{shift}"))
                {
                    moved.Add((car, shift));
                }
            }

            runs.Add(LocalInstant(shanghai, anchor.AddMonths(14)).AddYears(shift));
        }

        runs.Add(LocalInstant(shanghai, new DateOnly(2101, 3, 1))); // the 2099 cars with every store's today past 2100
        foreach (var years in moved.Where(m => m.Years != 0).GroupBy(m => m.Years))
        {
            var ids = years.Select(m => m.VehicleId).ToArray();
            var shift = years.Key;
            await App.WithDbAsync(db => db.Database.ExecuteSqlAsync(
                $"UPDATE service_visits SET opened_at = opened_at + make_interval(years => {shift}) WHERE vehicle_id = ANY({ids})"));
        }

        foreach (var at in runs.OrderBy(r => r))
        {
            var before = await OwnersAsync();
            await RunAsync(at);
            var expected = await Expect(at, before);

            var cars = (await CarsAsync()).Select(c => (c.VehicleId, c.CustomerId, c.Category, c.Missed, c.Anchor, c.DueBy));
            cars.Should().Equal(expected.Cars.Select(c => (c.VehicleId, c.CustomerId, c.Category, c.Missed, c.Anchor, c.DueBy)),
                $"the cars after the run at {at:u}");
            var owners = (await OwnersAsync()).Select(o => new ExpectedOwner(o.CustomerId, o.Category, o.Tier, o.Spend,
                o.LastDowngradeOn, o.Risk, o.RiskUntil, o.TierSince));
            owners.Should().Equal(expected.Owners, $"the owners after the run at {at:u}");
        }

        var anchors = (await CarsAsync()).Where(c => c.Anchor is not null).Select(c => c.Anchor!.Value.Year).ToHashSet();
        anchors.Should().Contain([1603, 1995, 2059, 2099, 2403], "cars anchored inside and outside the calendar were judged");
    }

    /// <summary>
    /// Three cars of one owner, anchored on a month's last day: one of ours with a first maintenance there, orders on
    /// an interval's end and the day after one; one sold elsewhere, anchored by a repair; one driven far enough that
    /// its interval is counted in days.
    /// </summary>
    private async Task<long[]> CarsServicedAsync(Store store, DateOnly anchor, string name)
    {
        var owner = await CustomerAsync(store, name);
        var ours = await CarAsync(store, owner, null, soldByUs: true);
        var elsewhere = await CarAsync(store, owner, null, soldByUs: false);
        var driven = await CarAsync(store, owner, null, soldByUs: false);
        await SaveAsync(
            Visit(store, ours, owner.Id, anchor, 1_000, ServiceTypes.FirstMaintenance),
            Visit(store, ours, owner.Id, anchor.AddMonths(3), 3_000, ServiceTypes.MinorRepair),
            Visit(store, ours, owner.Id, anchor.AddMonths(6), 5_000),
            Visit(store, ours, owner.Id, anchor.AddMonths(12).AddDays(1), 9_000),
            Visit(store, elsewhere, owner.Id, anchor.AddDays(-31), 20_000, ServiceTypes.BodyAndPaint),
            Visit(store, elsewhere, owner.Id, anchor.AddMonths(5), 24_000),
            Visit(store, driven, owner.Id, anchor, 2_000),
            Visit(store, driven, owner.Id, anchor.AddDays(40), 6_000),
            Visit(store, driven, owner.Id, anchor.AddDays(100), 12_000),
            Visit(store, driven, owner.Id, anchor.AddDays(200), 22_000));
        return [ours.Id, elsewhere.Id, driven.Id];
    }
}
