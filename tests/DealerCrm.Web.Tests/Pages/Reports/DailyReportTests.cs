using System.Net;
using System.Text;
using DealerCrm.Domain.Defeats;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Showroom;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Reports;

/// <summary>
/// The daily sales report (spec 6.1): a known fortnight over two consultants gives exactly the figures a reader counts
/// from the records — each day, and the month summing them — on the page, in the .xlsx and in the CSV. "At day end"
/// figures are the leads as they stood then (a lead whose grade and owner changed later keeps its day), a late-written
/// follow-up counts on the day it happened, a voided visit not at all; the month shows cards, orders and deliveries
/// against the store's targets; days are the store's own in any time zone.
/// </summary>
public sealed class DailyReportTests(AppFixture app) : WebTest(app)
{
    private const string Dash = "—";

    private Store _store = null!;
    private StaffUser _alice = null!;
    private StaffUser _bob = null!;
    private StaffUser _reception = null!;
    private StaffUser _manager = null!;
    private int _mobile;

    private static readonly DateOnly Day1 = new(2026, 11, 9);
    private static readonly DateOnly Day2 = new(2026, 11, 10);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        At(2026, 10, 20, 9, 0);
        _store = await App.CreateStoreAsync("S1", "东区店");
        _alice = await App.CreateUserAsync("alice", _store.Id, Roles.SalesConsultant);
        _bob = await App.CreateUserAsync("bob", _store.Id, Roles.SalesConsultant);
        _reception = await App.CreateUserAsync("receptionist", _store.Id, Roles.Receptionist);
        _manager = await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
        await App.CreateUserAsync("gm", _store.Id, Roles.GeneralManager);
    }

    // Columns: consultant, walk-ins, calls, first visits, return visits, cards, follow-ups, plans due, overdue at day
    // end, test drives, orders, deliveries, defeat requests, defeats approved, open H, A, B, C, O at day end.
    private static readonly string[][] Day1Rows =
    [
        ["Display alice", "1", "1", "1", "0", "2", "1", "0", "0", "0", "0", "0", "0", "0", "1", "1", "0", "0", "0"],
        ["Display bob", "1", "0", "0", "1", "2", "0", "1", "1", "0", "0", "0", "1", "0", "0", "0", "1", "1", "1"],
        ["No consultant", "0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"],
        ["Total", "2", "2", "1", "1", "4", "1", "1", "1", "0", "0", "0", "1", "0", "1", "1", "1", "1", "1"],
    ];

    private static readonly string[][] Day2Rows =
    [
        ["Display alice", "0", "0", "0", "0", "0", "1", "1", "0", "1", "1", "0", "0", "0", "1", "0", "0", "0", "1"],
        ["Display bob", "0", "0", "0", "0", "0", "1", "0", "0", "0", "0", "1", "0", "1", "0", "0", "1", "0", "0"],
        ["Total", "0", "0", "0", "0", "0", "2", "1", "0", "1", "1", "1", "0", "1", "1", "0", "1", "0", "1"],
    ];

    private static readonly string[][] MonthRows =
    [
        ["Display alice", "1", "1", "1", "0", "2", "2", "3", "0", "1", "1", "1", "0", "0", "0", "0", "0", "0", "0"],
        ["Display bob", "1", "0", "0", "1", "3", "1", "3", "2", "0", "1", "1", "1", "1", "0", "0", "1", "1", "0"],
        ["No consultant", "0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"],
        ["Total", "2", "2", "1", "1", "5", "3", "6", "2", "1", "2", "2", "1", "1", "0", "0", "1", "1", "0"],
    ];

    private static readonly string[][] MonthTargets =
    [
        ["Cards created", "5", "10", "50.0%"],
        ["Orders", "2", "4", "50.0%"],
        ["Deliveries", "2", Dash, Dash],
    ];

    [Fact]
    public async Task Two_known_days_and_their_month_show_every_figure_on_the_page_in_the_xlsx_and_in_the_csv()
    {
        await BuildFortnightAsync();
        At(2026, 12, 2, 10, 0);
        using var gm = await App.SignInAsync("gm");

        var day1 = await gm.GetDocumentAsync("/Reports/Daily?From=2026-11-09&To=2026-11-09");
        var day2 = await gm.GetDocumentAsync("/Reports/Daily?From=2026-11-10&To=2026-11-10");
        var month = await gm.GetDocumentAsync("/Reports/Daily?Month=2026-11");

        CallbackReportTests.Table(day1, "daily").Should().BeEquivalentTo(Day1Rows, o => o.WithStrictOrdering());
        CallbackReportTests.Table(day2, "daily").Should().BeEquivalentTo(Day2Rows, o => o.WithStrictOrdering());
        CallbackReportTests.Table(month, "daily").Should().BeEquivalentTo(MonthRows, o => o.WithStrictOrdering());
        CallbackReportTests.Table(month, "targets").Should().BeEquivalentTo(MonthTargets, o => o.WithStrictOrdering());
        day1.QuerySelector("table[data-testid=targets]").Should().BeNull("targets are the month view's");
        day1.QuerySelector("[data-testid=report-heading]")!.TextContent.Should().Contain("2026-11-09").And.Contain("东区店")
            .And.Contain("as at 2026-11-10 00:00").And.Contain("2026-12-02 10:00");
        month.QuerySelector("[data-testid=report-heading]")!.TextContent.Should().Contain("as at 2026-12-01 00:00");
        month.QuerySelector("[data-testid=daily-chart]")!.TextContent.Should().Contain("Display alice").And.Contain("Display bob");
        month.QuerySelector("[data-testid=how-counted]")!.TextContent.Should().Contain("test drive done");

        // The .xlsx: the same rows, counts as numbers, shares formatted; one sheet per table.
        using var xlsx = await gm.GetAsync("/Reports/Daily?handler=Export&format=Xlsx&Month=2026-11");
        xlsx.StatusCode.Should().Be(HttpStatusCode.OK);
        var workbook = ReportWorkbook.Read(await xlsx.Content.ReadAsByteArrayAsync());
        workbook.ValidationErrors.Should().BeEmpty();
        workbook.Sheets.Should().HaveCount(2);
        SheetRows(workbook.Sheets[0]).Should().BeEquivalentTo(MonthRows, o => o.WithStrictOrdering());
        SheetRows(workbook.Sheets[1]).Should().BeEquivalentTo(MonthTargets, o => o.WithStrictOrdering());
        workbook.Sheets[0].Rows[^1].Skip(1).Should().OnlyContain(c => c.IsNumber, "counts are numbers");
        workbook.Sheets[1].Rows[^3][3].Should().Match<ReportSheetCell>(c => c.IsNumber && c.Format == "0.0%");

        using var dayXlsx = await gm.GetAsync("/Reports/Daily?handler=Export&format=Xlsx&From=2026-11-09&To=2026-11-09");
        var dayBook = ReportWorkbook.Read(await dayXlsx.Content.ReadAsByteArrayAsync());
        dayBook.Sheets.Should().ContainSingle();
        SheetRows(dayBook.Sheets[0]).Should().BeEquivalentTo(Day1Rows, o => o.WithStrictOrdering());

        // The CSV: the heading, then each table under its title.
        using var csv = await gm.GetAsync("/Reports/Daily?handler=Export&format=Csv&From=2026-11-10&To=2026-11-10");
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var block = text.Split("\r\n\r\n")[1].Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(2)
            .Select(l => l.Split(',')).ToArray();
        block.Should().BeEquivalentTo(Day2Rows, o => o.WithStrictOrdering());
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.ReportExported)))
            .Should().Be(3);
    }

    [Fact]
    public async Task The_default_is_today_a_consultant_filter_shows_their_row_alone_and_the_running_day_ends_now()
    {
        await BuildFortnightAsync();
        At(2026, 11, 20, 18, 0);
        using var manager = await App.SignInAsync("manager");

        var today = await manager.GetDocumentAsync("/Reports/Daily");
        var alice = await manager.GetDocumentAsync($"/Reports/Daily?Consultant={_alice.Id}");
        var month = await manager.GetDocumentAsync("/Reports/Daily?Month=2026-11");

        today.QuerySelector("[data-testid=report-heading]")!.TextContent.Should().Contain("2026-11-20 – 2026-11-20")
            .And.Contain("as at now (2026-11-20 18:00)");

        // The 20th: L1 delivered (its plan due that day done); L2's and L3's plans (14th, 12th) overdue, both bob's now.
        CallbackReportTests.Table(today, "daily").Should().BeEquivalentTo(new[]
        {
            new[] { "Display alice", "0", "0", "0", "0", "0", "0", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0", "0" },
            ["Display bob", "0", "0", "0", "0", "0", "0", "0", "2", "0", "0", "0", "0", "0", "0", "0", "1", "1", "0"],
            ["Total", "0", "0", "0", "0", "0", "0", "1", "2", "0", "0", "1", "0", "0", "0", "0", "1", "1", "0"],
        }, o => o.WithStrictOrdering());
        CallbackReportTests.Table(alice, "daily").Should().ContainSingle().Which[0].Should().Be("Display alice");
        alice.QuerySelector("[data-testid=report-heading]")!.TextContent.Should().Contain("Consultant: Display alice");

        // The running month: nothing happens after the 20th, so it already shows the month's figures, as at now.
        CallbackReportTests.Table(month, "daily").Should().BeEquivalentTo(MonthRows, o => o.WithStrictOrdering());
        month.QuerySelector("[data-testid=report-heading]")!.TextContent.Should().Contain("as at now (2026-11-20 18:00)");
    }

    [Fact]
    public async Task Days_are_the_stores_own_in_a_zone_other_than_shanghai()
    {
        await App.WithDbAsync(async db =>
        {
            var store = await db.Stores.SingleAsync(s => s.Id == _store.Id);
            store.ChangeTimeZone("Europe/London");
            await db.SaveChangesAsync();
        });
        _store = await App.WithDbAsync(db => db.Stores.AsNoTracking().SingleAsync(s => s.Id == _store.Id));

        // 23:30 in London on the 9th is the 10th in Shanghai: the card and its plan belong to the 9th.
        App.PinClock(new DateTimeOffset(2026, 11, 9, 23, 30, 0, TimeSpan.Zero));
        await NewLeadAsync(_alice, Grade.B, Day1);
        App.PinClock(new DateTimeOffset(2026, 11, 10, 0, 30, 0, TimeSpan.Zero));
        await NewLeadAsync(_bob, Grade.C, Day2.AddDays(3));
        App.PinClock(new DateTimeOffset(2026, 11, 12, 9, 0, 0, TimeSpan.Zero));
        using var gm = await App.SignInAsync("gm");

        var day1 = CallbackReportTests.Table(await gm.GetDocumentAsync("/Reports/Daily?From=2026-11-09&To=2026-11-09"), "daily");
        var day2 = CallbackReportTests.Table(await gm.GetDocumentAsync("/Reports/Daily?From=2026-11-10&To=2026-11-10"), "daily");

        // Cards (col 5), plans due (7), overdue at day end (8), open B (16) and C (17).
        day1.Select(r => (r[0], r[5], r[7], r[8], r[16], r[17])).Should().Equal(
            ("Display alice", "1", "1", "1", "1", "0"), ("Display bob", "0", "0", "0", "0", "0"), ("Total", "1", "1", "1", "1", "0"));
        day2.Select(r => (r[0], r[5], r[7], r[8], r[16], r[17])).Should().Equal(
            ("Display alice", "0", "0", "1", "1", "0"), ("Display bob", "1", "0", "0", "0", "1"), ("Total", "1", "0", "1", "1", "1"));
    }

    [Fact]
    public async Task A_refused_filter_says_why_beside_its_field_and_shows_no_figures()
    {
        At(2026, 11, 10, 12, 0);
        var other = await App.CreateStoreAsync("S2", "西区店");
        var stranger = await App.CreateUserAsync("stranger", other.Id, Roles.SalesConsultant);
        using var gm = await App.SignInAsync("gm");

        var reversed = await gm.GetDocumentAsync("/Reports/Daily?From=2026-11-10&To=2026-11-09");
        var badMonth = await gm.GetDocumentAsync("/Reports/Daily?Month=2026-13");
        var farMonth = await gm.GetDocumentAsync("/Reports/Daily?Month=9999-01");
        var farDay = await gm.GetAsync("/Reports/Daily?From=9999-12-31&To=9999-12-31");
        var firstDay = await gm.GetAsync("/Reports/Daily?From=0001-01-01&To=0001-01-01");
        var huge = await gm.GetDocumentAsync("/Reports/Daily?Consultant=99999999999999999999999");
        var elsewhere = await gm.GetDocumentAsync($"/Reports/Daily?Consultant={stranger.Id}");

        reversed.FieldError("To").Should().NotBeEmpty();
        reversed.QuerySelector("table[data-testid=daily]").Should().BeNull();
        badMonth.FieldError("Month").Should().Be("Choose a valid month.");
        farMonth.FieldError("Month").Should().Be("Choose a valid month.");
        badMonth.QuerySelector("[data-testid=report-heading]")!.TextContent.Should().Contain("2026-11-10", "today stands in");
        farDay.StatusCode.Should().Be(HttpStatusCode.OK);
        firstDay.StatusCode.Should().Be(HttpStatusCode.OK);
        huge.FieldError("Consultant").Should().NotBeEmpty();
        elsewhere.FieldError("Consultant").Should().Be("Choose one of the store's consultants.");
        CallbackReportTests.Table(elsewhere, "daily").Select(r => r[0]).Should().Equal("Display alice", "Display bob", "Total");
    }

    /// <summary>The known fortnight of November 2026 in store S1 (Shanghai); see the expected rows above.</summary>
    private async Task BuildFortnightAsync()
    {
        // L6: bob's card on 1 November, ordered on the 5th (its plan due that day cancelled by the order), delivered
        // on day 2.
        At(2026, 11, 1, 10, 0);
        var l6 = await NewLeadAsync(_bob, Grade.B, new DateOnly(2026, 11, 5));
        At(2026, 11, 5, 11, 0);
        await OrderAsync(l6, _bob, new DateOnly(2026, 11, 5));

        // Day 1: traffic (one visit voided, one return visit, a call nobody took), four cards, a defeat requested.
        At(2026, 11, 9, 9, 5);
        var visit = TrafficEntry.CheckIn(_store.Id, _reception.Id, App.Now.AddMinutes(-5), Day1, Day1, 1, _alice.Id, App.Now);
        visit.CheckOut(App.Now, new VisitorDetails { Purpose = VisitPurpose.TestDrive }, App.Now);
        var known = await App.CreateCustomerAsync(_store.Id, "老客户", "13900000001");
        var returning = TrafficEntry.CheckIn(_store.Id, _reception.Id, App.Now, Day1, Day1, 2, _bob.Id, App.Now);
        returning.LinkCustomer(known.Id, true);
        var voided = TrafficEntry.CheckIn(_store.Id, _reception.Id, App.Now, Day1, Day1, 1, _alice.Id, App.Now);
        voided.Void("登记错了");
        var call = TrafficEntry.LogCall(_store.Id, _reception.Id, App.Now, Day1, Day1, _alice.Id,
            new VisitorDetails { Purpose = VisitPurpose.PriceEnquiry }, App.Now);
        var unanswered = TrafficEntry.LogCall(_store.Id, _reception.Id, App.Now, Day1, Day1, null,
            new VisitorDetails { Purpose = VisitPurpose.Other }, App.Now);
        await App.WithDbAsync(async db =>
        {
            db.TrafficEntries.AddRange(visit, returning, voided, call, unanswered);
            await db.SaveChangesAsync();
        });

        At(2026, 11, 9, 10, 0);
        var l1 = await NewLeadAsync(_alice, Grade.A, new DateOnly(2026, 11, 11));
        At(2026, 11, 9, 11, 0);
        var l2 = await NewLeadAsync(_bob, Grade.B, Day1);
        At(2026, 11, 9, 11, 30);
        var l3 = await NewLeadAsync(_alice, Grade.H, Day2);
        At(2026, 11, 9, 12, 0);
        var l4 = await NewLeadAsync(_bob, Grade.C, new DateOnly(2026, 11, 16));
        At(2026, 11, 9, 15, 0);
        await App.ChangeLeadAsync(l4.Id, (lead, db) =>
            db.DefeatRequests.Add(lead.RequestDefeat(_bob.Id, DefeatReason.BudgetChanged, null, null, "预算砍半", App.Now)));

        // Day 2: the defeat approved; yesterday's call written this morning; L2's overdue plan done; a test drive;
        // L6 delivered; L1 ordered.
        At(2026, 11, 10, 9, 0);
        await App.ChangeLeadAsync(l4.Id, (lead, db) =>
            lead.ApproveDefeat(db.DefeatRequests.Single(r => r.LeadId == lead.Id), _manager.Id, null, App.Now));
        At(2026, 11, 10, 9, 30);
        await FollowUpAsync(l1, _alice, ShanghaiAt(2026, 11, 9, 18, 0), FollowUpResult.Reached, new DateOnly(2026, 11, 13));
        At(2026, 11, 10, 10, 0);
        await FollowUpAsync(l2, _bob, App.Now, FollowUpResult.Invited, new DateOnly(2026, 11, 14));
        At(2026, 11, 10, 10, 30);
        await FollowUpAsync(l3, _alice, App.Now, FollowUpResult.TestDriveDone, new DateOnly(2026, 11, 12));
        At(2026, 11, 10, 11, 0);
        await DeliverAsync(l6, _bob, "FP-006");
        At(2026, 11, 10, 14, 0);
        await OrderAsync(l1, _alice, Day2);

        // After the days: L3 cools to C and goes to bob (its plan due the 12th still open); L1 delivered on the 20th.
        At(2026, 11, 15, 10, 0);
        await App.ChangeLeadAsync(l3.Id, (lead, _) =>
        {
            lead.ChangeGrade(Grade.C, [], "不急了", _manager.Id, App.Now);
            lead.Reassign(_bob.Id, "顾问休假", _manager.Id, App.Now);
        });
        At(2026, 11, 20, 10, 0);
        await DeliverAsync(l1, _alice, "FP-001");

        var target = new StoreTarget(_store.Id, 2026, 11);
        target.SetSales(10, 4, null, _manager.Id, App.Now);
        await App.WithDbAsync(async db =>
        {
            db.StoreTargets.Add(target);
            await db.SaveChangesAsync();
        });
    }

    private void At(int year, int month, int day, int hour, int minute) =>
        App.PinShanghai(new DateTime(year, month, day, hour, minute, 0));

    private static DateTimeOffset ShanghaiAt(int year, int month, int day, int hour, int minute) =>
        TestClock.ShanghaiInstant(new DateTime(year, month, day, hour, minute, 0));

    private async Task<Lead> NewLeadAsync(StaffUser owner, Grade grade, DateOnly due)
    {
        var customer = await App.CreateCustomerAsync(_store.Id, "客户", $"1380000{++_mobile:D4}");
        var today = _store.LocalDate(App.Now);
        var policy = new GradePolicy(_store.Id);
        var lead = Lead.Create(new NewLead
        {
            StoreId = _store.Id,
            CustomerId = customer.Id,
            OwnerId = owner.Id,
            Source = SourceChannel.DealerWebsite,
            Grade = grade,
            Interest = new LeadInterest { IntendedModel = "哈弗H6" },
            FirstPlan = new PlanRequest(due, null, ContactMethod.Phone, PlanPurpose.InviteToStore, null, null),
        }, policy, today, App.Now);
        await App.WithDbAsync(async db =>
        {
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
        });
        return lead;
    }

    private Task FollowUpAsync(Lead lead, StaffUser author, DateTimeOffset contactedAt, FollowUpResult result, DateOnly next) =>
        App.ChangeLeadAsync(lead.Id, (l, _) => l.RecordFollowUp(
            new FollowUpEntry(contactedAt, ContactMethod.Phone, "跟进", result, null),
            new PlanRequest(next, null, ContactMethod.Phone, PlanPurpose.InviteToStore, null, null),
            new GradePolicy(_store.Id), _store.LocalDate(App.Now), author.Id, App.Now));

    private Task OrderAsync(Lead lead, StaffUser by, DateOnly orderDate) =>
        App.ChangeLeadAsync(lead.Id, (l, _) => l.PlaceOrder(
            new OrderRequest(orderDate, "哈弗H6", null, null, 150_000m, 5_000m, PaymentMethod.Full, null, null, null),
            new GradePolicy(_store.Id), _store.LocalDate(App.Now), by.Id, App.Now));

    private Task DeliverAsync(Lead lead, StaffUser by, string invoice) =>
        App.ChangeLeadAsync(lead.Id, (l, db) =>
            db.Deliveries.Add(l.Deliver(new DeliveryRequest(App.Now, 150_000m, invoice, "LSVAU218XN2183294"), by.Id, App.Now)));

    private static string[][] SheetRows(ReportSheet sheet) =>
        [.. sheet.Rows.SkipWhile(r => r.Count <= 1).Skip(1).Select(r => r.Select(c => c.AsShown()).ToArray())];
}
