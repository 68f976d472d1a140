using System.Net;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Jobs;
using DealerCrm.Web.Pages.Reports;
using DealerCrm.Web.Tests.Infrastructure;
using DealerCrm.Web.Tests.Pages.Service;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DealerCrm.Web.Tests.Pages.Reports;

/// <summary>
/// The data-quality report's stock figures are the store's snapshot of its day (decisions, issue 15): taken at the
/// day's first view or by the nightly job, kept until "Recalculate now" or the next day; the lists to fix stay live (an
/// owner contacted since the snapshot leaves the list at once). The job takes every store's snapshot of its own day,
/// the same figures the report computes, and a second run replaces rather than adds.
/// </summary>
public sealed class DataQualitySnapshotTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private Customer _complete = null!;
    private Customer _incomplete = null!;
    private Customer _ownerX = null!;
    private Customer _ownerY = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(new DateTime(2026, 12, 10, 10, 0, 0));
        _store = await App.CreateStoreAsync("S1", "东区店");
        await App.CreateUserAsync("gm", _store.Id, Roles.GeneralManager);
        _complete = await App.CreateCustomerAsync(_store.Id, "甲", "13800000001", c => WithAddress(c, "13800000001", Complete));
        _incomplete = await App.CreateCustomerAsync(_store.Id, "乙", "13800000002", c => WithAddress(c, "13800000002", "浙江省杭州市文三路100号"));
        _ownerX = await App.CreateCustomerAsync(_store.Id, "丙", "13800000003");
        _ownerY = await App.CreateCustomerAsync(_store.Id, "丁", "13800000004");
        await App.CreateVehicleAsync(_store, _ownerX, 1);
        await App.CreateVehicleAsync(_store, _ownerY, 2);
    }

    private const string Complete = "浙江省杭州市西湖区文三路100号";

    /// <summary>An address with a postcode; without the district it is not complete.</summary>
    private void WithAddress(Customer c, string mobile, string address) =>
        c.UpdateFixedInformation(new FixedInformation
        {
            Name = c.Name, Gender = Gender.Male, Mobile = mobile, HomeAddress = address, HomePostcode = "310000",
        }, App.Now);

    [Fact]
    public async Task The_stock_figures_stand_as_taken_until_recalculated_while_the_owners_list_follows_contacts_at_once()
    {
        using var gm = await App.SignInAsync("gm");
        var first = await gm.GetDocumentAsync("/Reports/DataQuality");
        Summary(first, 1).Should().Equal("Customers with a complete postal address (goal ≥ 80%)", "1", "4", "25.0%");
        Summary(first, 7).Should().Equal("Owners not contacted for 4 months", "2", "2", "100.0%");
        CallbackReportTests.Table(first, "not-contacted").Select(r => r[0]).Should().Equal("丙", "丁");
        StockTaken(first).Should().Contain("2026-12-10 10:00");
        (await SnapshotsAsync()).Should().ContainSingle().Which.LocalDay.Should().Be(new DateOnly(2026, 12, 10));

        // An hour later 乙's district is put in and 丙's car comes in: the shares stand as taken at 10:00, but 丙 has
        // been contacted since and leaves the list to call.
        App.PinShanghai(new DateTime(2026, 12, 10, 11, 0, 0));
        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE customers SET home_address = {Complete} WHERE id = {_incomplete.Id}"));
        var car = await App.WithDbAsync(db => db.Vehicles.AsNoTracking().SingleAsync(v => v.OwnerCustomerId == _ownerX.Id));
        await App.CreateVisitAsync(_store, car, "RO-1", TimeSpan.FromMinutes(30));

        using var gmLater = await App.SignInAsync("gm"); // a session ends after 30 idle minutes
        var later = await gmLater.GetDocumentAsync("/Reports/DataQuality");
        Summary(later, 1).Should().Equal("Customers with a complete postal address (goal ≥ 80%)", "1", "4", "25.0%");
        Summary(later, 7).Should().Equal("Owners not contacted for 4 months", "2", "2", "100.0%");
        CallbackReportTests.Table(later, "not-contacted").Select(r => r[0]).Should().Equal("丁");
        StockTaken(later).Should().Contain("2026-12-10 10:00");

        // "Recalculate now" takes them again from the records and comes back to the report as it was filtered.
        using var recalculated = await gmLater.ClickAsync("/Reports/DataQuality?Month=2026-11",
            new Dictionary<string, string>(), "[data-testid=stock-taken]", "[data-testid=recalculate]");
        recalculated.StatusCode.Should().Be(HttpStatusCode.Redirect);
        recalculated.RedirectPath().Should().Contain("Month=2026-11");
        var now = await gmLater.GetDocumentAsync(recalculated.Headers.Location!.OriginalString);
        Summary(now, 1).Should().Equal("Customers with a complete postal address (goal ≥ 80%)", "2", "4", "50.0%");
        Summary(now, 7).Should().Equal("Owners not contacted for 4 months", "1", "2", "50.0%");
        StockTaken(now).Should().Contain("2026-12-10 11:00");
        (await SnapshotsAsync()).Should().ContainSingle().Which.TakenAt.Should().Be(App.Now);

        // The next day's first view takes the day's own snapshot; yesterday's stays as it was.
        App.PinShanghai(new DateTime(2026, 12, 11, 8, 0, 0));
        using var gmTomorrow = await App.SignInAsync("gm");
        var tomorrow = await gmTomorrow.GetDocumentAsync("/Reports/DataQuality");
        StockTaken(tomorrow).Should().Contain("2026-12-11 08:00");
        (await SnapshotsAsync()).Select(s => s.LocalDay).Should()
            .Equal(new DateOnly(2026, 12, 10), new DateOnly(2026, 12, 11));
    }

    [Fact]
    public async Task The_nightly_job_takes_each_stores_figures_of_its_own_day_and_a_second_run_replaces_them()
    {
        var berlin = await App.CreateStoreAsync("S2", "柏林店");
        await App.WithDbAsync(async db =>
        {
            (await db.Stores.SingleAsync(s => s.Id == berlin.Id)).ChangeTimeZone("Europe/Berlin");
            await db.SaveChangesAsync();
        });
        await App.CreateCustomerAsync(berlin.Id, "戊", "13800000005");

        // 05:30 in Shanghai on the 11th is still the 10th in Berlin (22:30).
        App.PinShanghai(new DateTime(2026, 12, 11, 5, 30, 0));
        var run = await RunJobAsync();
        run.Stores.Should().Be(2);
        var taken = await SnapshotsAsync();
        taken.Select(s => (s.StoreId, s.LocalDay)).Should().BeEquivalentTo(new[]
        {
            (_store.Id, new DateOnly(2026, 12, 11)), (berlin.Id, new DateOnly(2026, 12, 10)),
        });

        // The job's figures are the report's own computation of that instant, number for number.
        var mine = taken.Single(s => s.StoreId == _store.Id);
        var store = await App.WithDbAsync(db => db.Stores.AsNoTracking().SingleAsync(s => s.Id == _store.Id));
        var computed = await App.WithDbAsync(db => DataQualityQueries.ComputeStockAsync(db, store, App.Now));
        (mine.Customers, mine.ValidMobile, mine.CompleteAddress, mine.Owners, mine.OwnersContactedEnough,
                mine.OwnersNotContacted).Should()
            .Be((computed.Customers, computed.ValidMobile, computed.CompleteAddress, computed.Owners,
                computed.OwnersContactedEnough, computed.OwnersNotContacted));
        mine.Levels.Should().Equal(computed.Levels);
        mine.NotContactedIds.Should().Equal(_ownerX.Id, _ownerY.Id);
        (mine.Customers, mine.CompleteAddress, mine.Owners, mine.OwnersNotContacted).Should().Be((4, 1, 2, 2));

        // Run again (a retry, a second server) while it is still the 10th in Berlin: still one row per store and day,
        // now with the later figures.
        App.PinShanghai(new DateTime(2026, 12, 11, 6, 0, 0));
        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE customers SET home_address = {Complete} WHERE id = {_incomplete.Id}"));
        await RunJobAsync();
        var again = await SnapshotsAsync();
        again.Should().HaveCount(2);
        again.Single(s => s.StoreId == _store.Id).Should().Match<DataQualitySnapshot>(s =>
            s.CompleteAddress == 2 && s.TakenAt == App.Now);

        // The report reads the job's snapshot (its time), not a computation of its own.
        App.PinShanghai(new DateTime(2026, 12, 11, 9, 0, 0));
        using var gm = await App.SignInAsync("gm");
        StockTaken(await gm.GetDocumentAsync("/Reports/DataQuality"))
            .Should().Contain("2026-12-11 06:00");
        (await SnapshotsAsync()).Should().HaveCount(2);
    }

    [Fact]
    public async Task Recalculating_keeps_a_range_of_days_as_it_was_filtered()
    {
        using var gm = await App.SignInAsync("gm");
        using var recalculated = await gm.ClickAsync("/Reports/DataQuality?From=2026-11-03&To=2026-11-20",
            new Dictionary<string, string>(), "[data-testid=stock-taken]", "[data-testid=recalculate]");
        recalculated.StatusCode.Should().Be(HttpStatusCode.Redirect);
        recalculated.RedirectPath().Should().Contain("From=2026-11-03").And.Contain("To=2026-11-20");
        var page = await gm.GetDocumentAsync(recalculated.Headers.Location!.OriginalString);
        page.QuerySelector("[data-testid=report-heading]")!.TextContent.Should().Contain("2026-11-03");
    }

    [Fact]
    public async Task Recalculating_another_stores_figures_or_without_the_right_is_refused_and_stores_nothing()
    {
        var other = await App.CreateStoreAsync("S2", "西区店");
        await App.CreateUserAsync("consultant", _store.Id, Roles.SalesConsultant);
        using var gm = await App.SignInAsync("gm");
        var page = await gm.GetDocumentAsync("/Reports/DataQuality");
        (await SnapshotsAsync()).Should().ContainSingle();

        using var otherStore = await gm.SubmitFormAsync(page, "/Reports/DataQuality?handler=Recalculate",
            new Dictionary<string, string> { ["Store"] = other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            "[data-testid=stock-taken]");
        otherStore.StatusCode.Should().Be(HttpStatusCode.NotFound);

        // The consultant cannot open the report: their own antiforgery token (from the language switch) is posted.
        using var consultant = await App.SignInAsync("consultant");
        var home = await consultant.GetDocumentAsync("/Leads");
        using var refused = await consultant.SubmitFormAsync(home, "/Reports/DataQuality?handler=Recalculate",
            new Dictionary<string, string>(), "[data-testid=language-switch]");
        refused.IsRefused().Should().BeTrue();
        (await SnapshotsAsync()).Should().ContainSingle().Which.StoreId.Should().Be(_store.Id);
    }

    /// <summary>The heading's line saying when the stock figures were taken (printed and exported too).</summary>
    private static string StockTaken(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=report-heading] span").Select(s => s.TextContent)
            .Single(t => t.StartsWith("Customer and owner figures as of", StringComparison.Ordinal));

    private static string[] Summary(AngleSharp.Html.Dom.IHtmlDocument page, int row) =>
        CallbackReportTests.Table(page, "summary")[row];

    private Task<List<DataQualitySnapshot>> SnapshotsAsync() =>
        App.WithDbAsync(db => db.DataQualitySnapshots.AsNoTracking().OrderBy(s => s.LocalDay).ThenBy(s => s.StoreId)
            .ToListAsync());

    private async Task<DataQualitySnapshotRun> RunJobAsync()
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var job = new DataQualitySnapshotJob(scope.ServiceProvider.GetRequiredService<CrmDbContext>(), App.Clock,
            NullLogger<DataQualitySnapshotJob>.Instance);
        return await job.RunAsync(CancellationToken.None);
    }
}
