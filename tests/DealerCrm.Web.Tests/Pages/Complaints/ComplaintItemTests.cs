using AngleSharp.Dom;
using System.Net;
using AngleSharp.Html.Dom;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Tests.Infrastructure;
using DealerCrm.Web.Tests.Pages.Callbacks;
using DealerCrm.Web.Tests.Pages.Service;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Complaints;

/// <summary>
/// One item's page (spec 4.4): its timeline with every deadline in store time, who did each step and when, how late;
/// the acts of those who work it, each saved with the row version the page showed.
/// </summary>
public sealed class ComplaintItemTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private StaffUser _manager = null!;
    private Customer _customer = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(new DateTime(2026, 12, 9, 9, 0, 0));
        _store = await App.CreateStoreAsync();
        await App.AddDefaultsAsync(_store);
        _manager = await App.CreateUserAsync("sm", _store.Id, Roles.ServiceManager);
        await App.CreateUserAsync("gm", _store.Id, Roles.GeneralManager);
        await App.CreateUserAsync("crm", _store.Id, Roles.CrmOfficer);
        await App.CreateUserAsync("salesboss", _store.Id, Roles.SalesManager);
        _customer = await App.CreateCustomerAsync(_store.Id, "冯先生", "13800138000");
    }

    private static IHtmlElement Step(IHtmlDocument page, ComplaintStepType type)
    {
        var steps = page.QuerySelectorAll($"[data-testid=step][data-step={type}]");
        return (IHtmlElement)steps[steps.Length - 1];
    }

    private static string Text(IHtmlElement element, string testId) =>
        element.QuerySelector($"[data-testid={testId}]")?.TextContent.Trim() ?? string.Empty;

    [Fact]
    public async Task The_timeline_shows_deadlines_in_store_time_and_first_contact_recorded_late_by_how_much()
    {
        // Received Wednesday 07:00 (before opening), entered at 09:00: escalation due half a working day after
        // opening (08:30 + 4 h 30 min), first contact 24 h after receipt, resolution 7 days after it.
        var item = await App.OpenComplaintAsync(_store, _customer.Id, _manager.Id,
            receivedAt: TestClock.ShanghaiInstant(new DateTime(2026, 12, 9, 7, 0, 0)));
        App.PinShanghai(new DateTime(2026, 12, 10, 9, 15, 0));
        using var client = await App.SignInAsync("sm");

        var before = await client.GetDocumentAsync($"/Complaints/{item.Id}");
        Text(Step(before, ComplaintStepType.Escalated), "step-deadline").Should().Be("· due by 2026-12-09 13:00");
        Text(Step(before, ComplaintStepType.Escalated), "step-done").Should().Be("Done 2026-12-09 09:00 by Display sm");
        Text(Step(before, ComplaintStepType.FirstContact), "step-deadline").Should().Be("· due by 2026-12-10 07:00");
        Text(Step(before, ComplaintStepType.FirstContact), "step-late").Should().Be("overdue by 2 h 15 min");
        Text(Step(before, ComplaintStepType.Resolved), "step-deadline").Should().Be("· due by 2026-12-16 07:00");
        Text(Step(before, ComplaintStepType.Resolved), "step-late").Should().BeEmpty();

        using var saved = await client.SubmitFormAsync($"/Complaints/{item.Id}", new Dictionary<string, string>
        {
            ["Step.Type"] = "FirstContact",
            ["Step.Note"] = "已致电客户，约好周六来店",
        }, "form[data-testid=step-form]");

        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var after = await client.GetDocumentAsync(saved.RedirectPath()!);
        after.QuerySelector("[role=status]")!.TextContent.Should().Be("Recorded: First contact with the customer.");
        var contact = Step(after, ComplaintStepType.FirstContact);
        Text(contact, "step-done").Should().Be("Done 2026-12-10 09:15 by Display sm");
        Text(contact, "step-late").Should().Be("2 h 15 min late");
        Text(contact, "step-note").Should().Be("已致电客户，约好周六来店");
        var stored = await App.LoadComplaintAsync(item.Id);
        stored.Steps.Single(s => s.Type == ComplaintStepType.FirstContact).DoneById.Should().Be(_manager.Id);
    }

    [Fact]
    public async Task Raising_a_grievance_to_a_complaint_starts_the_complaint_clock_and_tells_the_gm_and_the_service_manager()
    {
        var callback = await App.SaveTaskAsync(new CallbackTask(_store.Id, CallbackType.AfterSalesThreeDay, _customer.Id,
            null, null, App.TodayIn(_store), App.Now, occasionKey: "as:1"));
        var grievance = await App.RaiseGrievanceAsync(_store, callback, _manager.Id);
        App.PinShanghai(new DateTime(2026, 12, 9, 15, 30, 0));
        using var officer = await App.SignInAsync("crm");

        using var raised = await officer.SubmitFormAsync($"/Complaints/{grievance.Id}",
            new Dictionary<string, string> { ["Raise.Note"] = "客户要求总经理处理" }, "form[data-testid=raise-form]");

        raised.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var page = await officer.GetDocumentAsync($"/Complaints/{grievance.Id}");
        Text((IHtmlElement)page.Body!, "item-kind").Should().Be("Complaint");
        var call = Step(page, ComplaintStepType.ManagerCalled);
        call.GetAttribute("data-superseded").Should().Be("true");
        Text(call, "step-superseded").Should().Be("no longer counted");
        Text(Step(page, ComplaintStepType.FirstContact), "step-deadline").Should().Be("· due by 2026-12-10 15:30");
        Text(Step(page, ComplaintStepType.Resolved), "step-deadline").Should().Be("· due by 2026-12-16 15:30");
        page.QuerySelector("form[data-testid=raise-form]").Should().BeNull();
        page.QuerySelector("form[data-testid=step-form]").Should().BeNull("the officer reads and adds notes, no more");

        var told = await App.WithDbAsync(db => (
            from n in db.Notifications
            join u in db.Users on n.UserId equals u.Id
            where n.Kind == NotificationKind.ComplaintRaised
            orderby u.UserName
            select new { u.UserName, n.Link }).ToListAsync());
        told.Select(t => t.UserName).Should().Equal("gm", "sm");
        told.Should().OnlyContain(t => t.Link == $"/Complaints/{grievance.Id}");
        (await App.LoadComplaintAsync(grievance.Id)).ComplaintReceivedAt.Should().Be(App.Now);
    }

    [Fact]
    public async Task A_manufacturer_case_has_its_portal_step_and_reports_the_result_only_after_resolution()
    {
        var item = await App.OpenComplaintAsync(_store, _customer.Id, _manager.Id, receivedAt: App.Now.AddHours(-3),
            source: ComplaintSource.ManufacturerHotline, caseNumber: "GW-2026-0815");
        using var client = await App.SignInAsync("sm");
        var url = $"/Complaints/{item.Id}";

        var page = await client.GetDocumentAsync(url);
        Text((IHtmlElement)page.Body!, "item-case-number").Should().Be("GW-2026-0815");
        page.QuerySelectorAll("#Step_Type option").Select(o => o.GetAttribute("value"))
            .Should().Equal("FirstContact", "PortalUpdated");
        (await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Step.Type"] = "PortalUpdated" },
            "form[data-testid=step-form]")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Resolve.Resolution"] = "更换了转向机" },
            "form[data-testid=resolve-form]")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        page = await client.GetDocumentAsync(url);
        page.QuerySelectorAll("#Step_Type option").Select(o => o.GetAttribute("value"))
            .Should().Equal("FirstContact", "ResultReported");
        (await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Step.Type"] = "ResultReported" },
            "form[data-testid=step-form]")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var stored = await App.LoadComplaintAsync(item.Id);
        stored.Steps.Where(s => s.Type is ComplaintStepType.PortalUpdated or ComplaintStepType.ResultReported)
            .Should().OnlyContain(s => s.DoneAt == App.Now && s.DoneById == _manager.Id).And.HaveCount(2);
        stored.Status.Should().Be(ComplaintStatus.Resolved);
    }

    [Fact]
    public async Task Resolving_creates_exactly_one_follow_up_call_linked_to_the_item_even_when_two_managers_click()
    {
        var item = await App.OpenComplaintAsync(_store, _customer.Id, _manager.Id);
        using var sm = await App.SignInAsync("sm");
        using var gm = await App.SignInAsync("gm");
        var url = $"/Complaints/{item.Id}";
        var smPage = await sm.GetDocumentAsync(url);
        var gmPage = await gm.GetDocumentAsync(url);

        using var first = await sm.SubmitFormAsync(smPage, url,
            new Dictionary<string, string> { ["Resolve.Resolution"] = "免费更换刹车片" }, "form[data-testid=resolve-form]");
        using var second = await gm.SubmitFormAsync(gmPage, url,
            new Dictionary<string, string> { ["Resolve.Resolution"] = "道歉并赠送保养" }, "form[data-testid=resolve-form]");

        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(second)).QuerySelector("[data-testid=item-error]")!.TextContent
            .Should().Contain("Only an open item can be resolved.");
        var followUps = await App.WithDbAsync(db => db.CallbackTasks.Where(t => t.ComplaintId == item.Id).ToListAsync());
        followUps.Should().ContainSingle().Which.Type.Should().Be(CallbackType.ComplaintFollowUp);
        var stored = await App.LoadComplaintAsync(item.Id);
        stored.Status.Should().Be(ComplaintStatus.Resolved);
        stored.Resolution.Should().Be("免费更换刹车片");
    }

    [Fact]
    public async Task Of_two_posts_from_the_same_version_one_wins_and_the_other_reads_that_it_changed_meanwhile()
    {
        var item = await App.OpenComplaintAsync(_store, _customer.Id, _manager.Id);
        using var sm = await App.SignInAsync("sm");
        using var gm = await App.SignInAsync("gm");
        var url = $"/Complaints/{item.Id}";
        var smPage = await sm.GetDocumentAsync(url);
        var gmPage = await gm.GetDocumentAsync(url);

        using var first = await sm.SubmitFormAsync(smPage, url,
            new Dictionary<string, string> { ["Note.Text"] = "客户下午来电" }, "form[data-testid=note-form]");
        using var second = await gm.SubmitFormAsync(gmPage, url,
            new Dictionary<string, string> { ["Note.Text"] = "总经理已知悉" }, "form[data-testid=note-form]");

        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(second)).QuerySelector("[data-testid=item-error]")!.TextContent
            .Should().Contain("Someone else changed this record");
        (await App.LoadComplaintAsync(item.Id)).Steps.Where(s => s.Type == ComplaintStepType.Note)
            .Select(s => s.Note).Should().Equal("客户下午来电");
    }

    [Fact]
    public async Task Assigning_recategorizing_and_notes_show_on_the_page_with_the_categories_in_the_readers_language()
    {
        var advisor = await App.CreateUserAsync("advisor", _store.Id, Roles.ServiceAdvisor);
        await App.CreateUserAsync("consultant", _store.Id, Roles.SalesConsultant);
        var item = await App.OpenComplaintAsync(_store, _customer.Id, _manager.Id);
        using var sm = await App.SignInAsync("sm");
        var url = $"/Complaints/{item.Id}";

        var page = await sm.GetDocumentAsync(url);
        page.QuerySelectorAll("#Assign_ResponsibleUserId option").Select(o => o.TextContent)
            .Should().Equal("The department's managers", "Display advisor", "Display sm", "Display consultant", "Display salesboss");
        using var refused = await sm.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Assign.Department"] = "Sales",
            ["Assign.ResponsibleUserId"] = advisor.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, "form[data-testid=assign-form]");
        (await TestClient.ParseAsync(refused)).FieldError("Assign.ResponsibleUserId")
            .Should().Be("Choose a person of the chosen department.");

        (await sm.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Assign.Department"] = "AfterSales",
            ["Assign.ResponsibleUserId"] = advisor.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, "form[data-testid=assign-form]")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await sm.SubmitFormAsync(url, new Dictionary<string, string> { ["Category.Code"] = "Price" },
            "form[data-testid=category-form]")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        using var empty = await sm.SubmitFormAsync(url, new Dictionary<string, string> { ["Note.Text"] = "  " },
            "form[data-testid=note-form]");
        (await TestClient.ParseAsync(empty)).FieldError("Note.Text").Should().NotBeEmpty();

        page = await sm.GetDocumentAsync(url);
        Text((IHtmlElement)page.Body!, "item-responsible").Should().Be("Display advisor");
        Text((IHtmlElement)page.Body!, "item-category").Should().Be("Price");
        sm.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var chinese = await sm.GetDocumentAsync(url);
        Text((IHtmlElement)chinese.Body!, "item-category").Should().Be("价格");
        var stored = await App.LoadComplaintAsync(item.Id);
        stored.ResponsibleUserId.Should().Be(advisor.Id);
        stored.CategoryCode.Should().Be("Price");
        stored.Steps.Count(s => s.Type == ComplaintStepType.Note).Should().Be(1, "the assignment is on the timeline");
    }

    [Fact]
    public async Task The_vehicle_and_customer_files_list_their_items_for_those_who_read_complaints_only()
    {
        var car = await App.CreateVehicleAsync(_store, _customer, 1);
        var item = await App.OpenComplaintAsync(_store, _customer.Id, _manager.Id, vehicleId: car.Id,
            receivedAt: App.Now.AddHours(-25));
        var other = await App.CreateCustomerAsync(_store.Id, "别人", "13900139999");
        await App.OpenComplaintAsync(_store, other.Id, _manager.Id);
        await App.CreateUserAsync("consultant", _store.Id, Roles.SalesConsultant);
        using var crm = await App.SignInAsync("crm");

        var vehicle = await crm.GetDocumentAsync($"/Vehicles/{car.Id}");
        var customer = await crm.GetDocumentAsync($"/Customers/{_customer.Id}");

        foreach (var file in new[] { vehicle, customer })
        {
            var rows = file.QuerySelectorAll("[data-testid=file-complaint]");
            rows.Should().ContainSingle().Which.GetAttribute("data-complaint-id").Should().Be(item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            rows[0].QuerySelector("[data-testid=file-complaint-late]")!.TextContent.Should().Be("overdue by 1 h");
            file.QuerySelector("[data-testid=file-new-complaint]").Should().NotBeNull();
        }

        vehicle.QuerySelector<IHtmlAnchorElement>("[data-testid=file-new-complaint]")!.GetAttribute("href")
            .Should().Be($"/Complaints/New?vehicleId={car.Id}");
        await App.CreateLeadAsync(_store, _customer,
            (await App.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "consultant"))).Id);
        using var consultant = await App.SignInAsync("consultant");
        (await consultant.GetDocumentAsync($"/Customers/{_customer.Id}"))
            .QuerySelector("[data-testid=file-complaints]").Should().BeNull("consultants do not read complaints");
    }
}
