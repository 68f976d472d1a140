using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using DealerCrm.Web.Tests.Pages.Callbacks;

namespace DealerCrm.Web.Tests.Pages.Complaints;

/// <summary>
/// The service manager's home (spec 4.4): open items first by their nearest deadline, those past it marked with how
/// late, items with no running limit after them, then the resolved and closed ones newest first; filters and keyset
/// paging that neither skips nor repeats an item.
/// </summary>
public sealed class ComplaintListTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private StaffUser _manager = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(ComplaintBuilders.Thursday10);
        _store = await App.CreateStoreAsync();
        await App.AddDefaultsAsync(_store);
        _manager = await App.CreateUserAsync("sm", _store.Id, Roles.ServiceManager);
    }

    private async Task<Customer> CustomerAsync(string name, int n) =>
        await App.CreateCustomerAsync(_store.Id, name, $"1380013{n:D4}");

    private static List<(long Id, string Status)> Rows(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=complaint-row]")
            .Select(r => (long.Parse(r.GetAttribute("data-complaint-id")!, System.Globalization.CultureInfo.InvariantCulture),
                r.GetAttribute("data-status")!))
            .ToList();

    [Fact]
    public async Task Open_items_come_first_by_nearest_deadline_late_ones_marked_then_resolved_and_closed_newest_first()
    {
        var now = App.Now;
        var late = await App.OpenComplaintAsync(_store, (await CustomerAsync("迟先生", 1)).Id, _manager.Id,
            receivedAt: now.AddHours(-30).AddMinutes(-15));
        var fresh = await App.OpenComplaintAsync(_store, (await CustomerAsync("新先生", 2)).Id, _manager.Id);
        var contacted = await App.OpenComplaintAsync(_store, (await CustomerAsync("联先生", 3)).Id, _manager.Id,
            receivedAt: now.AddHours(-2));
        await App.ChangeComplaintAsync(_store, contacted.Id, (c, _) => c.CompleteStep(ComplaintStepType.FirstContact, _manager.Id, null, now));
        var owner = await CustomerAsync("抱先生", 4);
        var callback = await App.SaveTaskAsync(new CallbackTask(_store.Id, CallbackType.BirthdayCare, owner.Id, null, null,
            App.TodayIn(_store), now, occasionKey: "g1"));
        var grievance = await App.RaiseGrievanceAsync(_store, callback, _manager.Id);
        await App.ChangeComplaintAsync(_store, grievance.Id, (c, _) => c.CompleteStep(ComplaintStepType.ManagerCalled, _manager.Id, null, now));
        var resolvedOld = await App.OpenComplaintAsync(_store, (await CustomerAsync("旧先生", 5)).Id, _manager.Id,
            receivedAt: now.AddDays(-10));
        await App.ChangeComplaintAsync(_store, resolvedOld.Id, (c, _) =>
        {
            c.CompleteStep(ComplaintStepType.FirstContact, _manager.Id, null, now.AddDays(-10).AddHours(2));
            c.Resolve(_manager.Id, "换了配件", now);
        });
        var closedNew = await App.OpenComplaintAsync(_store, (await CustomerAsync("闭先生", 6)).Id, _manager.Id,
            receivedAt: now.AddDays(-1));
        await App.ChangeComplaintAsync(_store, closedNew.Id, (c, _) =>
        {
            c.Resolve(_manager.Id, "道歉", now);
            c.Close(_manager.Id, null, now);
        });

        using var client = await App.SignInAsync("sm");
        var page = await client.GetDocumentAsync("/Complaints");

        Rows(page).Select(r => r.Id).Should().Equal(late.Id, fresh.Id, contacted.Id, grievance.Id, closedNew.Id, resolvedOld.Id);
        var rows = page.QuerySelectorAll("[data-testid=complaint-row]");
        rows[0].QuerySelector("[data-testid=complaint-late]")!.TextContent.Should().Be("overdue by 6 h 15 min");
        rows.Skip(1).Should().OnlyContain(r => r.QuerySelector("[data-testid=complaint-late]") == null);
        rows[1].QuerySelector("[data-testid=complaint-deadline]")!.TextContent.Should().Be("next deadline 2026-12-11 10:00");
        rows[3].QuerySelector("[data-testid=complaint-deadline]").Should().BeNull("a grievance's resolution has no limit");
        page.QuerySelector("[data-testid=role-home]")!.TextContent.Should().Be("Complaints");
    }

    [Fact]
    public async Task Filters_narrow_by_kind_status_category_department_and_responsible_person()
    {
        var now = App.Now;
        var advisor = await App.CreateUserAsync("advisor", _store.Id, Roles.ServiceAdvisor);
        var plain = await App.OpenComplaintAsync(_store, (await CustomerAsync("甲", 1)).Id, _manager.Id);
        var price = await App.OpenComplaintAsync(_store, (await CustomerAsync("乙", 2)).Id, _manager.Id, category: "Price");
        var sales = await App.OpenComplaintAsync(_store, (await CustomerAsync("丙", 3)).Id, _manager.Id,
            department: ComplaintDepartment.Sales, category: "DeliveryHandover");
        var assigned = await App.OpenComplaintAsync(_store, (await CustomerAsync("丁", 4)).Id, _manager.Id);
        await App.ChangeComplaintAsync(_store, assigned.Id, (c, _) =>
            c.AssignResponsible(advisor.Id, ComplaintDepartment.AfterSales, _manager.Id, now));
        var resolved = await App.OpenComplaintAsync(_store, (await CustomerAsync("戊", 5)).Id, _manager.Id);
        await App.ChangeComplaintAsync(_store, resolved.Id, (c, _) => c.Resolve(_manager.Id, "已解决", now));
        var owner = await CustomerAsync("己", 6);
        var callback = await App.SaveTaskAsync(new CallbackTask(_store.Id, CallbackType.BirthdayCare, owner.Id, null, null,
            App.TodayIn(_store), now, occasionKey: "g1"));
        var grievance = await App.RaiseGrievanceAsync(_store, callback, _manager.Id);

        using var client = await App.SignInAsync("sm");
        async Task<IEnumerable<long>> Ids(string query) => Rows(await client.GetDocumentAsync("/Complaints?" + query)).Select(r => r.Id);

        (await Ids("kind=Grievance")).Should().Equal(grievance.Id);
        (await Ids("status=Resolved")).Should().Equal(resolved.Id);
        (await Ids("category=Price")).Should().Equal(price.Id);
        (await Ids("department=Sales")).Should().Equal(sales.Id);
        (await Ids($"responsible={advisor.Id}")).Should().Equal(assigned.Id);
        (await Ids("kind=Complaint&status=Open")).Should().BeEquivalentTo([plain.Id, price.Id, sales.Id, assigned.Id]);
        (await Ids("kind=99&category=Nonsense")).Should().HaveCount(6, "an unknown filter value is no filter");
    }

    [Fact]
    public async Task Pages_run_by_keyset_through_the_open_section_into_the_resolved_ones_without_gaps_or_repeats()
    {
        var now = App.Now;
        var customer = await CustomerAsync("翻页", 1);
        var clock = await App.ClockAsync(_store);
        var expectedOpen = new List<long>();
        await App.WithDbAsync(async db =>
        {
            var items = Enumerable.Range(0, IndexPageSize + 1).Select(i => Complaint.OpenComplaint(_store.Id, customer.Id,
                null, null, null, ComplaintSource.Phone, ComplaintDepartment.AfterSales, "Other", $"第{i}件",
                now.AddMinutes(-i % 7 * 10), null, _manager.Id, now, clock)).ToList();
            db.Complaints.AddRange(items);
            await db.SaveChangesAsync();
            expectedOpen.AddRange(items.OrderBy(c => c.NextDeadline).ThenBy(c => c.Id).Select(c => c.Id));
        });
        var done = new List<Complaint>();
        for (var i = 0; i < 2; i++)
        {
            var item = await App.OpenComplaintAsync(_store, customer.Id, _manager.Id, receivedAt: now.AddDays(-1 - i));
            await App.ChangeComplaintAsync(_store, item.Id, (c, _) => c.Resolve(_manager.Id, "好了", now));
            done.Add(item);
        }

        using var client = await App.SignInAsync("sm");
        var first = await client.GetDocumentAsync("/Complaints");
        var next = first.QuerySelector<IHtmlAnchorElement>("[data-testid=next-page]")!.GetAttribute("href")!;
        var second = await client.GetDocumentAsync(next);

        Rows(first).Select(r => r.Id).Should().Equal(expectedOpen.Take(IndexPageSize));
        Rows(second).Select(r => r.Id).Should().Equal([.. expectedOpen.Skip(IndexPageSize), done[0].Id, done[1].Id]);
        second.QuerySelector("[data-testid=next-page]").Should().BeNull();
    }

    private const int IndexPageSize = DealerCrm.Web.Pages.Complaints.IndexModel.PageSize;
}
