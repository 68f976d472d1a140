using System.Globalization;
using System.Net;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Actions;

/// <summary>
/// Who reaches corrective and preventive actions (issue 12 "Access"): the service manager opens, revises and verifies;
/// the GM approves or returns; the responsible person records what was done; the responsible person and participants
/// (a service advisor, a sales manager) add notes; the store's service manager and GM read every action, anyone else
/// only those they take part in; consultants and receptionists are refused everything; another store's users reach
/// no action of this store by URL. Every refusal leaves the database as it was.
/// </summary>
public sealed class ActionAccessTests(AppFixture app) : WebTest(app)
{
    private static readonly string[] Everyone =
        ["sm", "gm", "responsible", "participant", "sales", "bystander", "crm", "consultant", "receptionist", "sm2", "gm2"];

    private readonly Dictionary<string, TestClient> _clients = [];
    private Store _store = null!;
    private CorrectiveAction _action = null!;
    private long _sm;
    private long _gm;
    private long _responsible;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(ActionBuilders.Thursday10);
        _store = await App.CreateStoreAsync();
        _sm = (await App.CreateUserAsync("sm", _store.Id, Roles.ServiceManager)).Id;
        _gm = (await App.CreateUserAsync("gm", _store.Id, Roles.GeneralManager)).Id;
        _responsible = (await App.CreateUserAsync("responsible", _store.Id, Roles.ServiceAdvisor)).Id;
        var participant = await App.CreateUserAsync("participant", _store.Id, Roles.ServiceAdvisor);
        var sales = await App.CreateUserAsync("sales", _store.Id, Roles.SalesManager);
        await App.CreateUserAsync("bystander", _store.Id, Roles.ServiceAdvisor);
        await App.CreateUserAsync("crm", _store.Id, Roles.CrmOfficer);
        await App.CreateUserAsync("consultant", _store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("receptionist", _store.Id, Roles.Receptionist);
        var other = await App.CreateStoreAsync("S2");
        await App.CreateUserAsync("sm2", other.Id, Roles.ServiceManager);
        await App.CreateUserAsync("gm2", other.Id, Roles.GeneralManager);
        _action = await App.CreateActionAsync(_store, _sm, _responsible, participants: [participant.Id, sales.Id]);
    }

    public override Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        return base.DisposeAsync();
    }

    [Fact]
    public async Task Who_reads_the_list_the_new_form_and_the_action()
    {
        string[] readsList = ["sm", "gm", "responsible", "participant", "sales", "bystander", "crm", "sm2", "gm2"];
        string[] readsAction = ["sm", "gm", "responsible", "participant", "sales"];
        foreach (var user in Everyone)
        {
            var client = await ClientAsync(user);
            using var list = await client.GetAsync("/Actions");
            using var create = await client.GetAsync("/Actions/New");
            using var item = await client.GetAsync($"/Actions/{_action.Id}");

            if (readsList.Contains(user))
            {
                list.StatusCode.Should().Be(HttpStatusCode.OK, $"{user} reads /Actions");
                var listed = (await TestClient.ParseAsync(list))
                    .QuerySelectorAll("[data-testid=actions-list] [data-testid=action-row]").Length;
                listed.Should().Be(readsAction.Contains(user) ? 1 : 0, $"{user}'s list holds what they may read");
            }
            else
            {
                list.IsRefused().Should().BeTrue($"{user} is refused /Actions");
            }

            if (user is "sm" or "sm2")
            {
                create.StatusCode.Should().Be(HttpStatusCode.OK, "a service manager opens actions in their own store");
            }
            else
            {
                create.IsRefused().Should().BeTrue($"only the service manager opens actions, not {user}");
            }

            if (readsAction.Contains(user))
            {
                item.StatusCode.Should().Be(HttpStatusCode.OK, $"{user} reads the action");
            }
            else
            {
                item.IsRefused().Should().BeTrue($"{user} does not read the action");
                if (readsList.Contains(user))
                {
                    item.StatusCode.Should().Be(HttpStatusCode.NotFound, $"an id tells {user} nothing");
                }
            }
        }
    }

    [Fact]
    public async Task Only_the_service_manager_posts_a_new_action()
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Kind"] = "Corrective",
            ["Input.Description"] = "越权",
            ["Input.ResponsibleUserId"] = _responsible.ToString(CultureInfo.InvariantCulture),
            ["Input.DueDate"] = App.TodayIn(_store).AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        foreach (var user in Everyone.Where(u => u is not ("sm" or "sm2")))
        {
            var before = await SnapshotAsync();
            using var post = await PostAsync(user, "/Actions/New", null, fields);
            post.IsRefused().Should().BeTrue($"{user} may not open an action");
            (await SnapshotAsync()).Should().Be(before);
        }

        // Another store's service manager opens actions in their own store only: this store's people are refused.
        var snapshot = await SnapshotAsync();
        using var foreign = await PostAsync("sm2", "/Actions/New", null, fields);
        foreign.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(foreign)).FieldError("Input.ResponsibleUserId")
            .Should().Be("Choose a responsible person of your store.");
        (await SnapshotAsync()).Should().Be(snapshot);
    }

    [Theory]
    [InlineData("Approve", ActionStatus.PendingApproval, new[] { "gm" })]
    [InlineData("Return", ActionStatus.PendingApproval, new[] { "gm" })]
    [InlineData("Done", ActionStatus.Approved, new[] { "responsible" })]
    [InlineData("Verify", ActionStatus.Done, new[] { "sm" })]
    [InlineData("SendBack", ActionStatus.Done, new[] { "sm" })]
    [InlineData("Resubmit", ActionStatus.Returned, new[] { "sm" })]
    [InlineData("Note", ActionStatus.Approved, new[] { "responsible", "participant", "sales" })]
    public async Task Each_step_is_taken_only_by_the_people_it_belongs_to(string handler, ActionStatus from, string[] allowed)
    {
        await App.MoveActionAsync(_action.Id, a =>
        {
            if (from == ActionStatus.Returned)
            {
                a.Return(_gm, "改", App.Now);
            }

            if (from is ActionStatus.Approved or ActionStatus.Done)
            {
                a.Approve(_gm, null, App.Now);
            }

            if (from == ActionStatus.Done)
            {
                a.RecordDone(_responsible, "做了", App.Now);
            }
        });
        var fields = new Dictionary<string, string>
        {
            ["Comment"] = "意见",
            ["WhatWasDone"] = "完成",
            ["Note"] = "进展",
            ["Revise.Description"] = "修改",
            ["Revise.ResponsibleUserId"] = _responsible.ToString(CultureInfo.InvariantCulture),
            ["Revise.DueDate"] = App.TodayIn(_store).AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };

        foreach (var user in Everyone.Where(u => !allowed.Contains(u)))
        {
            var before = await SnapshotAsync();
            using var post = await PostAsync(user, $"/Actions/{_action.Id}", handler, fields);
            post.IsRefused().Should().BeTrue($"{user} may not {handler}");
            (await SnapshotAsync()).Should().Be(before, $"{user}'s {handler} changed nothing");
        }

        foreach (var user in allowed)
        {
            var events = (await App.LoadActionAsync(_action.Id)).Events.Count;
            using var post = await PostAsync(user, $"/Actions/{_action.Id}", handler, fields);
            post.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{user} may {handler}");
            (await App.LoadActionAsync(_action.Id)).Events.Should().HaveCount(events + 1);
        }
    }

    private async Task<TestClient> ClientAsync(string user)
    {
        if (!_clients.TryGetValue(user, out var client))
        {
            client = await App.SignInAsync(user);
            _clients[user] = client;
        }

        return client;
    }

    /// <summary>Posts as a browser with the user's own anti-forgery token, so only the authorization may refuse it.</summary>
    private async Task<HttpResponseMessage> PostAsync(string user, string url, string? handler, Dictionary<string, string> fields)
    {
        var client = await ClientAsync(user);
        var token = (await client.GetDocumentAsync("/Account/ChangePassword"))
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var version = await App.WithDbAsync(db => db.CorrectiveActions.Where(a => a.Id == _action.Id)
            .Select(a => a.Version).SingleAsync());
        var posted = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).ToList();
        posted.Add(new("__RequestVerificationToken", token));
        posted.Add(new("Version", version.ToString(CultureInfo.InvariantCulture)));
        return await client.Http.PostAsync(handler is null ? url : $"{url}?handler={handler}", new FormUrlEncodedContent(posted));
    }

    private Task<string> SnapshotAsync() => App.WithDbAsync(async db => string.Join('|',
        string.Join(',', await db.CorrectiveActions.OrderBy(a => a.Id).Select(a => $"{a.Id}:{a.Status}:{a.Description}").ToListAsync()),
        await db.ActionEvents.CountAsync(), await db.ActionParticipants.CountAsync(), await db.Notifications.CountAsync()));
}
