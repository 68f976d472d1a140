using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Actions;

/// <summary>
/// Opening an action (/Actions/New): from a complaint of the store (its summary shown), from a recurring problem of
/// the monthly report (the link's query prefills the form), and every refused field beside itself with nothing saved.
/// </summary>
public sealed class ActionNewTests(AppFixture app) : WebTest(app)
{
    private const string Form = "form[data-testid=action-form]";

    private Store _store = null!;
    private long _sm;
    private long _advisor;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(ActionBuilders.Thursday10);
        _store = await App.CreateStoreAsync();
        await App.AddCategoriesAsync(_store);
        _sm = (await App.CreateUserAsync("sm", _store.Id, Roles.ServiceManager)).Id;
        await App.CreateUserAsync("gm", _store.Id, Roles.GeneralManager);
        _advisor = (await App.CreateUserAsync("advisor", _store.Id, Roles.ServiceAdvisor)).Id;
    }

    [Fact]
    public async Task An_action_opened_from_a_complaint_shows_it_and_links_back_to_it()
    {
        var complaint = await App.CreateComplaintAsync(_store, _sm);
        using var sm = await App.SignInAsync("sm");
        var url = $"/Actions/New?complaintId={complaint.Id}";

        var page = await sm.GetDocumentAsync(url);
        page.QuerySelector("[data-testid=action-complaint]")!.TextContent.Should().Contain("异响修了三次还没好")
            .And.Contain("冯先生");
        page.QuerySelector<IHtmlInputElement>("#kind-Corrective")!.IsChecked.Should().BeTrue();
        using var saved = await sm.SubmitFormAsync(page, url, Valid(), Form);

        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var action = await App.WithDbAsync(db => db.CorrectiveActions.SingleAsync());
        action.ComplaintId.Should().Be(complaint.Id);
        var item = await sm.GetDocumentAsync(saved.RedirectPath()!);
        item.QuerySelector("[data-testid=action-complaint] a")!.GetAttribute("href").Should().Be($"/Complaints/{complaint.Id}");
    }

    [Fact]
    public async Task The_monthly_reports_link_opens_a_preventive_action_with_the_problem_filled_in()
    {
        using var sm = await App.SignInAsync("sm");
        var url = "/Actions/New?kind=Preventive&category=WaitingTime&problem=" + Uri.EscapeDataString("等待时间过长");

        var page = await sm.GetDocumentAsync(url);
        page.QuerySelector<IHtmlInputElement>("#kind-Preventive")!.IsChecked.Should().BeTrue();
        page.QuerySelector<IHtmlSelectElement>("[name='Input.ProblemCategoryCode']")!.Value.Should().Be("WaitingTime");
        page.InputValue("Input.Problem").Should().Be("等待时间过长");
        using var saved = await sm.SubmitFormAsync(page, url, Valid(), Form);

        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var action = await App.WithDbAsync(db => db.CorrectiveActions.SingleAsync());
        (action.Kind, action.ProblemCategoryCode, action.Problem, action.ComplaintId)
            .Should().Be((ActionKind.Preventive, "WaitingTime", "等待时间过长", (long?)null));
        var item = await sm.GetDocumentAsync(saved.RedirectPath()!);
        item.QuerySelector("[data-testid=action-problem]")!.TextContent.Should().Contain("Waiting time").And.Contain("等待时间过长");
    }

    [Fact]
    public async Task A_complaint_of_another_store_is_refused_by_url_and_by_post()
    {
        var other = await App.CreateStoreAsync("S2");
        var otherSm = await App.CreateUserAsync("sm2", other.Id, Roles.ServiceManager);
        var theirs = await App.CreateComplaintAsync(other, otherSm.Id);
        using var sm = await App.SignInAsync("sm");

        (await sm.GetAsync($"/Actions/New?complaintId={theirs.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var values = Valid();
        values["Input.ComplaintId"] = theirs.Id.ToString(CultureInfo.InvariantCulture);
        using var post = await sm.SubmitFormAsync("/Actions/New", values, Form);

        post.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await App.WithDbAsync(db => db.CorrectiveActions.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task Each_refused_field_gets_its_message_beside_it_and_nothing_is_saved()
    {
        var other = await App.CreateStoreAsync("S2");
        var stranger = await App.CreateUserAsync("stranger", other.Id, Roles.ServiceAdvisor);
        var consultant = await App.CreateUserAsync("consultant", _store.Id, Roles.SalesConsultant);
        using var sm = await App.SignInAsync("sm");

        var noDescription = await PostAsync(sm, new() { ["Input.Description"] = "" });
        noDescription.FieldError("Input.Description").Should().Be("Describe the action.");

        var past = await PostAsync(sm, new()
        {
            ["Input.DueDate"] = App.TodayIn(_store).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        past.FieldError("Input.DueDate").Should().Be("The due date must be between today and 1 year from now.");

        var unknown = await PostAsync(sm, new() { ["Input.ResponsibleUserId"] = "987654" });
        unknown.FieldError("Input.ResponsibleUserId").Should().Be("Choose a responsible person of your store.");
        var notTakingPart = await PostAsync(sm, new() { ["Input.ResponsibleUserId"] = consultant.Id.ToString(CultureInfo.InvariantCulture) });
        notTakingPart.FieldError("Input.ResponsibleUserId").Should().Be("Choose a responsible person of your store.");

        var foreign = await PostAsync(sm, new() { ["Input.ParticipantIds"] = stranger.Id.ToString(CultureInfo.InvariantCulture) });
        foreign.FieldError("Input.ParticipantIds").Should().Be("Choose participants of your store.");
        foreign.InputValue("Input.Problem").Should().Be("保留", "the user's input stays on the form");

        (await App.WithDbAsync(db => db.CorrectiveActions.CountAsync())).Should().Be(0);
        (await App.WithDbAsync(db => db.Notifications.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task The_messages_are_in_chinese_for_a_chinese_reader()
    {
        using var sm = await App.SignInAsync("sm");
        sm.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        var page = await PostAsync(sm, new() { ["Input.Description"] = "", ["Input.ResponsibleUserId"] = "" });

        page.FieldError("Input.Description").Should().Be("请填写措施内容。");
        page.FieldError("Input.ResponsibleUserId").Should().Be("请选择本店的责任人。");
    }

    private Dictionary<string, string> Valid() => new()
    {
        ["Input.Description"] = "交车前增加路试",
        ["Input.ResponsibleUserId"] = _advisor.ToString(CultureInfo.InvariantCulture),
        ["Input.DueDate"] = App.TodayIn(_store).AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private async Task<IHtmlDocument> PostAsync(TestClient client, Dictionary<string, string> overrides)
    {
        var values = Valid();
        values["Input.Problem"] = "保留";
        foreach (var (key, value) in overrides)
        {
            values[key] = value;
        }

        using var response = await client.SubmitFormAsync("/Actions/New", values, Form);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await TestClient.ParseAsync(response);
    }
}
