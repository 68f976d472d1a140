using System.Globalization;
using System.Net;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Actions;

/// <summary>
/// Spec 4.5 through the pages: the service manager opens an action, the GM approves it (or returns it with a comment
/// and gets it again), the responsible person records what was done, the service manager verifies and closes it (or
/// sends it back). Each step is an event with who, when and the comment, and tells the people the issue names.
/// </summary>
public sealed class ActionFlowTests(AppFixture app) : WebTest(app)
{
    private const string Decide = "form[data-testid=decide-form]";
    private const string Verify = "form[data-testid=verify-form]";

    private Store _store = null!;
    private long _sm;
    private long _gm;
    private long _advisor;
    private long _colleague;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(ActionBuilders.Thursday10);
        _store = await App.CreateStoreAsync();
        _sm = (await App.CreateUserAsync("sm", _store.Id, Roles.ServiceManager)).Id;
        _gm = (await App.CreateUserAsync("gm", _store.Id, Roles.GeneralManager)).Id;
        _advisor = (await App.CreateUserAsync("advisor", _store.Id, Roles.ServiceAdvisor)).Id;
        _colleague = (await App.CreateUserAsync("colleague", _store.Id, Roles.ServiceAdvisor)).Id;
    }

    [Fact]
    public async Task An_action_goes_from_open_through_approve_and_done_to_closed_telling_each_next_person()
    {
        using var sm = await App.SignInAsync("sm");
        var due = App.TodayIn(_store).AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var opened = await sm.SubmitFormAsync("/Actions/New", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Corrective",
            ["Input.Description"] = "交车前增加异响路试",
            ["Input.ResponsibleUserId"] = Id(_advisor),
            ["Input.ParticipantIds"] = Id(_colleague),
            ["Input.DueDate"] = due,
        }, "form[data-testid=action-form]");
        opened.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var id = long.Parse(opened.RedirectPath()!.Split('/')[^1], CultureInfo.InvariantCulture);
        var url = $"/Actions/{id}";
        (await NoticesAsync(id)).Should().Equal([(_gm, NotificationKind.ActionPendingApproval)]);

        using var gm = await App.SignInAsync("gm");
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        (await gm.ClickAsync(url, new Dictionary<string, string> { ["Comment"] = "同意" }, Decide, "[data-testid=approve]"))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await NoticesAsync(id)).Should().Contain([(_sm, NotificationKind.ActionDecided), (_advisor, NotificationKind.ActionDecided)]);

        using var advisor = await App.SignInAsync("advisor");
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        (await advisor.SubmitFormAsync(url, new Dictionary<string, string> { ["WhatWasDone"] = "全员培训完成" },
            "form[data-testid=done-form]")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await NoticesAsync(id)).Should().Contain([(_gm, NotificationKind.ActionDone), (_sm, NotificationKind.ActionDone)]);

        App.Clock.Advance(TimeSpan.FromMinutes(10));
        (await sm.ClickAsync(url, new Dictionary<string, string> { ["Comment"] = "效果良好" }, Verify, "[data-testid=verify]"))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await NoticesAsync(id)).Should().Contain((_gm, NotificationKind.ActionClosed));

        var action = await App.LoadActionAsync(id);
        action.Status.Should().Be(ActionStatus.Closed);
        action.WhatWasDone.Should().Be("全员培训完成");
        action.Participants.Select(p => p.UserId).Should().Equal(_colleague);
        action.Events.Select(e => (e.From, e.To, e.ByUserId, e.Comment)).Should().Equal(
            (null, ActionStatus.PendingApproval, _sm, null),
            (ActionStatus.PendingApproval, ActionStatus.Approved, _gm, "同意"),
            (ActionStatus.Approved, ActionStatus.Done, _advisor, null),
            (ActionStatus.Done, ActionStatus.Closed, _sm, "效果良好"));
        action.Events.Select(e => e.At).Should().BeInAscendingOrder();
        (await NoticesAsync(id)).Should().HaveCount(6, "GM pending, SM and advisor decided, GM and SM done, GM closed");

        // The timeline shows each step with its author.
        var page = await sm.GetDocumentAsync(url);
        page.QuerySelectorAll("[data-testid=action-event]").Select(e => e.TextContent).Should().HaveCount(4)
            .And.Contain(e => e.Contains("Done, awaiting verification") && e.Contains("Closed") && e.Contains("Display sm")
                && e.Contains("效果良好"));
        page.QuerySelector("form[data-testid=verify-form]").Should().BeNull();
        page.QuerySelector("form[data-testid=note-form]").Should().BeNull("a closed action takes no more notes");
    }

    [Fact]
    public async Task A_returned_action_needs_a_comment_and_comes_back_to_the_gm_when_revised()
    {
        var action = await App.CreateActionAsync(_store, _sm, _advisor);
        var url = $"/Actions/{action.Id}";
        using var gm = await App.SignInAsync("gm");

        using var bare = await gm.ClickAsync(url, new Dictionary<string, string> { ["Comment"] = "" }, Decide, "[data-testid=return]");
        bare.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(bare)).FieldError("Comment").Should().Be("Write a comment.");
        (await App.LoadActionAsync(action.Id)).Status.Should().Be(ActionStatus.PendingApproval);

        (await gm.ClickAsync(url, new Dictionary<string, string> { ["Comment"] = "期限太长" }, Decide, "[data-testid=return]"))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await NoticesAsync(action.Id)).Should().Contain([(_sm, NotificationKind.ActionDecided), (_advisor, NotificationKind.ActionDecided)]);

        using var sm = await App.SignInAsync("sm");
        var newDue = App.TodayIn(_store).AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        (await sm.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Revise.Description"] = "三天内完成培训",
            ["Revise.DueDate"] = newDue,
            ["Revise.ParticipantIds"] = Id(_colleague),
            ["Comment"] = "已缩短期限",
        }, "form[data-testid=revise-form]")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await NoticesAsync(action.Id)).Count(n => n == (_gm, NotificationKind.ActionPendingApproval))
            .Should().Be(1, "the builder's opening sent none; the resubmission tells the GM");

        (await gm.ClickAsync(url, new Dictionary<string, string>(), Decide, "[data-testid=approve]"))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var after = await App.LoadActionAsync(action.Id);
        after.Status.Should().Be(ActionStatus.Approved);
        after.Description.Should().Be("三天内完成培训");
        after.DueDate.Should().Be(App.TodayIn(_store).AddDays(3));
        after.Participants.Select(p => p.UserId).Should().Equal(_colleague);
        after.Events.Select(e => (e.From, e.To, e.Comment)).Should().Equal(
            (null, ActionStatus.PendingApproval, null),
            (ActionStatus.PendingApproval, ActionStatus.Returned, "期限太长"),
            (ActionStatus.Returned, ActionStatus.PendingApproval, "已缩短期限"),
            (ActionStatus.PendingApproval, ActionStatus.Approved, null));
    }

    [Fact]
    public async Task A_done_action_sent_back_with_a_reason_is_done_again_and_then_closed()
    {
        var action = await App.CreateActionAsync(_store, _sm, _advisor);
        await App.MoveActionAsync(action.Id, a => a.Approve(_gm, null, App.Now));
        await App.MoveActionAsync(action.Id, a => a.RecordDone(_advisor, "第一次", App.Now));
        var url = $"/Actions/{action.Id}";
        using var sm = await App.SignInAsync("sm");

        using var bare = await sm.ClickAsync(url, new Dictionary<string, string>(), Verify, "[data-testid=send-back]");
        (await TestClient.ParseAsync(bare)).FieldError("Comment").Should().Be("Write a comment.");
        (await sm.ClickAsync(url, new Dictionary<string, string> { ["Comment"] = "仍有投诉" }, Verify, "[data-testid=send-back]"))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await NoticesAsync(action.Id)).Should().Equal([(_advisor, NotificationKind.ActionClosed)]);
        (await App.LoadActionAsync(action.Id)).Status.Should().Be(ActionStatus.Approved);

        using var advisor = await App.SignInAsync("advisor");
        (await advisor.SubmitFormAsync(url, new Dictionary<string, string> { ["WhatWasDone"] = "第二次" },
            "form[data-testid=done-form]")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await sm.ClickAsync(url, new Dictionary<string, string>(), Verify, "[data-testid=verify]"))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);

        var after = await App.LoadActionAsync(action.Id);
        after.Status.Should().Be(ActionStatus.Closed);
        after.WhatWasDone.Should().Be("第二次");
        after.Events.Skip(1).Select(e => (e.From, e.To)).Should().Equal(
            (ActionStatus.PendingApproval, ActionStatus.Approved),
            (ActionStatus.Approved, ActionStatus.Done),
            (ActionStatus.Done, ActionStatus.Approved),
            (ActionStatus.Approved, ActionStatus.Done),
            (ActionStatus.Done, ActionStatus.Closed));
        (await NoticesAsync(action.Id)).Should().Contain([(_gm, NotificationKind.ActionDone), (_gm, NotificationKind.ActionClosed)]);
    }

    [Fact]
    public async Task Two_approvals_at_the_same_instant_have_one_winner_and_one_event()
    {
        await App.CreateUserAsync("gm2", _store.Id, Roles.GeneralManager);
        var action = await App.CreateActionAsync(_store, _sm, _advisor);
        var url = $"/Actions/{action.Id}";
        using var first = await App.SignInAsync("gm");
        using var second = await App.SignInAsync("gm2");
        var firstPage = await first.GetDocumentAsync(url);
        var secondPage = await second.GetDocumentAsync(url);

        var responses = await Task.WhenAll(
            Approve(first, firstPage, url, "甲"), Approve(second, secondPage, url, "乙"));

        responses.Count(r => r.StatusCode == HttpStatusCode.Redirect).Should().Be(1);
        var loser = responses.Single(r => r.StatusCode != HttpStatusCode.Redirect);
        loser.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(loser)).QuerySelector("[data-testid=action-error]")!.TextContent
            .Should().ContainAny("This action has already moved on; reload the page.", "Someone else changed this record");
        var after = await App.LoadActionAsync(action.Id);
        after.Events.Count(e => e.To == ActionStatus.Approved).Should().Be(1);
        (await NoticesAsync(action.Id)).Should().BeEquivalentTo(
            [(_sm, NotificationKind.ActionDecided), (_advisor, NotificationKind.ActionDecided)]);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task An_approval_from_a_page_older_than_a_revision_is_refused_by_the_row_version()
    {
        var action = await App.CreateActionAsync(_store, _sm, _advisor);
        var url = $"/Actions/{action.Id}";
        using var gm = await App.SignInAsync("gm");
        var stale = await gm.GetDocumentAsync(url);

        // Meanwhile it is returned and revised: pending again, but not what the GM's page shows.
        await App.MoveActionAsync(action.Id, a => a.Return(_gm, "改", App.Now));
        await App.MoveActionAsync(action.Id, a => a.Resubmit("改过的内容", _advisor, [], App.TodayIn(_store).AddDays(5),
            App.TodayIn(_store), _sm, null, App.Now));

        using var response = await Approve(gm, stale, url, null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await TestClient.ParseAsync(response);
        page.QuerySelector("[data-testid=action-error]")!.TextContent.Should().Contain("Someone else changed this record");
        page.QuerySelector("[data-testid=action-description]")!.TextContent.Should().Be("改过的内容");
        (await App.LoadActionAsync(action.Id)).Status.Should().Be(ActionStatus.PendingApproval);
        (await App.LoadActionAsync(action.Id)).Events.Should().NotContain(e => e.To == ActionStatus.Approved);
    }

    [Fact]
    public async Task Approving_an_approved_action_is_refused_with_a_message_not_an_error()
    {
        var action = await App.CreateActionAsync(_store, _sm, _advisor);
        var url = $"/Actions/{action.Id}";
        using var gm = await App.SignInAsync("gm");
        var page = await gm.GetDocumentAsync(url);
        await App.MoveActionAsync(action.Id, a => a.Approve(_gm, null, App.Now));

        using var again = await Approve(gm, page, url, "再次");
        using var returned = await gm.SubmitFormAsync(page, $"{url}?handler=Return",
            new Dictionary<string, string> { ["Comment"] = "退回" }, Decide);

        foreach (var response in new[] { again, returned })
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            (await TestClient.ParseAsync(response)).QuerySelector("[data-testid=action-error]")!.TextContent
                .Should().Contain("This action has already moved on; reload the page.");
        }

        (await App.LoadActionAsync(action.Id)).Events.Should().HaveCount(2);
        (await NoticesAsync(action.Id)).Should().BeEmpty();
    }

    private static Task<HttpResponseMessage> Approve(TestClient client, AngleSharp.Html.Dom.IHtmlDocument page, string url,
        string? comment) =>
        client.SubmitFormAsync(page, $"{url}?handler=Approve",
            new Dictionary<string, string> { ["Comment"] = comment ?? string.Empty }, Decide);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private Task<List<(long, NotificationKind)>> NoticesAsync(long actionId) => App.WithDbAsync(async db =>
        (await db.Notifications.Where(n => n.Link == $"/Actions/{actionId}").OrderBy(n => n.Id)
            .Select(n => new { n.UserId, n.Kind }).ToListAsync()).Select(n => (n.UserId, n.Kind)).ToList());
}
