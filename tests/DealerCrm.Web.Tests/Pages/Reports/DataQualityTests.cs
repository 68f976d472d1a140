using System.Net;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using DealerCrm.Web.Tests.Pages.Service;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Reports;

/// <summary>
/// The data-quality report (spec 6.6) over a known store in Berlin (its midnight is not Shanghai's): every figure on the
/// page and in the .xlsx. Read at 00:30 on 10 December, Berlin time: an order signed on the 9th and a car delivered at
/// 23:00 on the 9th, both entered now, are late by the store's calendar (not by UTC's or Shanghai's).
/// </summary>
public sealed class DataQualityTests(AppFixture app) : WebTest(app)
{
    private const string Dash = "—";
    private static readonly DateTimeOffset ReadAt = new(2026, 12, 9, 23, 30, 0, TimeSpan.Zero); // 00:30 on the 10th in Berlin

    [Fact]
    public async Task A_known_store_shows_every_figure_on_the_page_and_in_the_xlsx()
    {
        App.PinClock(ReadAt);
        var created = await App.CreateStoreAsync("S1", "东区店");
        await App.WithDbAsync(async db =>
        {
            var s = await db.Stores.SingleAsync(x => x.Id == created.Id);
            s.ChangeTimeZone("Europe/Berlin");
            await db.SaveChangesAsync();
        });
        var store = await App.WithDbAsync(db => db.Stores.AsNoTracking().SingleAsync(x => x.Id == created.Id));
        var consultant = await App.CreateUserAsync("consultant", store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("gm", store.Id, Roles.GeneralManager);

        void WithAddress(Customer c, string mobile, string address, string? homePhone = null) =>
            c.UpdateFixedInformation(new FixedInformation
            {
                Name = c.Name, Gender = Gender.Male, Mobile = mobile, HomePhone = homePhone, HomeAddress = address,
                HomePostcode = "310000",
            }, App.Now);

        var a = await App.CreateCustomerAsync(store.Id, "甲", "13800000001", c => WithAddress(c, "13800000001", "浙江省杭州市西湖区文三路100号"));
        var b = await App.CreateCustomerAsync(store.Id, "乙", "13800000002",
            c => WithAddress(c, "13800000002", "浙江省杭州市文三路100号", homePhone: "13800000001"));
        var c = await App.CreateCustomerAsync(store.Id, "丙", "13900000003", x => WithAddress(x, "13900000003", "浙江省杭州市西湖区文三路101号"));
        await App.WithDbAsync(async db =>
        {
            db.Customers.Add(new Customer(store.Id, "丁", Gender.Unknown, null, App.Now));
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE customers SET home_postcode = '31000' WHERE id = {c.Id}");
        });

        // 甲: ordered on the 9th and delivered at 23:00 on the 9th, both entered now (the 10th); 丙: both today, on
        // time; the two deliveries carry one invoice number. 乙: an open lead whose plan was cancelled.
        var leadA = await App.CreateLeadAsync(store, a, consultant.Id);
        var leadB = await App.CreateLeadAsync(store, b, consultant.Id);
        var leadC = await App.CreateLeadAsync(store, c, consultant.Id);
        var today = new DateOnly(2026, 12, 10);
        foreach (var (lead, day, deliveredAt, vin) in new[]
                 {
                     (leadA, today.AddDays(-1), new DateTimeOffset(2026, 12, 9, 22, 0, 0, TimeSpan.Zero), 11),
                     (leadC, today, ReadAt.AddMinutes(-10), 12),
                 })
        {
            await App.ChangeLeadAsync(lead.Id, (l, db) =>
            {
                l.PlaceOrder(new OrderRequest(day, "哈弗H6", null, null, 150_000m, 0m, PaymentMethod.Full, null, null, null),
                    new GradePolicy(store.Id), today, consultant.Id, App.Now);
            });
            await App.ChangeLeadAsync(lead.Id, (l, db) =>
                db.Deliveries.Add(l.Deliver(new DeliveryRequest(deliveredAt, 150_000m, "FP-001", ServiceBuilders.TestVin(vin)), consultant.Id, App.Now)));
        }

        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE follow_up_plans SET status = 2 WHERE lead_id = {leadB.Id}"));

        // Owners: 甲 came in three times this year (the last a week ago); 丙 has a car and no contact at all.
        var carA = await App.CreateVehicleAsync(store, a, 1);
        await App.CreateVehicleAsync(store, c, 2);
        await App.CreateVisitAsync(store, carA, "RO-1", TimeSpan.FromDays(150));
        await App.CreateVisitAsync(store, carA, "RO-2", TimeSpan.FromDays(60));
        await App.CreateVisitAsync(store, carA, "RO-3", TimeSpan.FromDays(7));
        var consultantName = await App.WithDbAsync(db => db.Users.Where(u => u.Id == consultant.Id).Select(u => u.DisplayName).SingleAsync());

        var expected = new List<(string Section, string[][] Rows)>
        {
            ("summary",
            [
                ["Customers with a valid mobile", "3", "4", "75.0%"],
                ["Customers with a complete postal address (goal ≥ 80%)", "1", "4", "25.0%"],
                ["Mobile numbers shared by several customers", "1", Dash, Dash],
                ["Open leads without an open plan (must be 0)", "1", Dash, Dash],
                ["Orders entered after their business day", "1", "2", "50.0%"],
                ["Deliveries entered after their business day", "1", "2", "50.0%"],
                ["Duplicate invoice numbers", "1", Dash, Dash],
                ["Owners not contacted for 4 months", "1", "2", "50.0%"],
                ["Owners contacted at least 3 times in the last year", "1", "2", "50.0%"],
            ]),
            ("levels",
            [
                ["Below level 1", "1", "25.0%"],
                ["Level 1", "3", "75.0%"],
                ["Level 2", "0", "0.0%"],
                ["Level 3", "0", "0.0%"],
                ["Level 4", "0", "0.0%"],
                ["Level 5", "0", "0.0%"],
                ["Total", "4", "100.0%"],
            ]),
            ("shared-mobiles", [["13800000001", "2", "甲、乙"]]),
            ("no-plan", [[leadB.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "乙", consultantName]]),
            ("late-entries",
            [
                ["Order", "甲", "2026-12-09", "2026-12-10"],
                ["Delivery", "甲", "2026-12-09", "2026-12-10"],
            ]),
            ("invoices", [["FP-001", "2"]]),
            ("not-contacted", [["丙", "0", Dash]]),
        };

        using var gm = await App.SignInAsync("gm");
        var page = await gm.GetDocumentAsync("/Reports/DataQuality");
        page.QuerySelector("[data-testid=report-heading]")!.TextContent.Should().Contain("2026-12");
        foreach (var (section, rows) in expected)
        {
            CallbackReportTests.Table(page, section).Should().BeEquivalentTo(rows, o => o.WithStrictOrdering(), section);
        }

        page.QuerySelector("[data-testid=no-plan] a")!.GetAttribute("href").Should().Be($"/Leads/{leadB.Id}");
        page.QuerySelector("[data-testid=not-contacted] a")!.GetAttribute("href").Should().Be($"/Customers/{c.Id}");
        page.QuerySelector("[data-testid=how-counted]").Should().NotBeNull();

        using var xlsx = await gm.GetAsync("/Reports/DataQuality?handler=Export&format=Xlsx");
        xlsx.StatusCode.Should().Be(HttpStatusCode.OK);
        var workbook = ReportWorkbook.Read(await xlsx.Content.ReadAsByteArrayAsync());
        workbook.ValidationErrors.Should().BeEmpty();
        workbook.Sheets.Should().HaveCount(expected.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (section, rows) = expected[i];
            // Five heading lines (title, store, period, when the stock figures were taken, time produced), the table's
            // title, its headers, then the rows.
            workbook.Sheets[i].Rows[3][0].AsShown().Should().StartWith("Customer and owner figures as of 2026-12-10 00:30");
            var data = workbook.Sheets[i].Rows.Skip(7).ToList();
            data.Select(r => r.Select(x => x.AsShown()).ToArray()).Should().BeEquivalentTo(rows, o => o.WithStrictOrdering(), section);
        }

        // Last month: no late entries (the flow figures follow the period), the stock figures stand.
        var november = await gm.GetDocumentAsync("/Reports/DataQuality?Month=2026-11");
        CallbackReportTests.Table(november, "late-entries").Should().BeEmpty();
        CallbackReportTests.Table(november, "summary")[4].Should().Equal("Orders entered after their business day", "0", "0", Dash);
        CallbackReportTests.Table(november, "summary")[0].Should().Equal("Customers with a valid mobile", "3", "4", "75.0%");
    }
}
