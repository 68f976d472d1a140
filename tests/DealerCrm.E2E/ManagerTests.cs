using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealerCrm.E2E;

/// <summary>
/// The manager's flows as consultant and manager click them (spec 3.1–3.2): defeat requests rejected, approved and
/// rescued, bulk reassignment, and the unassigned-lead queue. These tests share the demo database with every other
/// E2E test, so they only take small slices of it that no other test reads: overdue leads (never in the week view
/// the consultant tests take their leads from), the plans furthest away, and leads they create themselves.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ManagerTests(BrowserFixture browser)
{
    [Fact]
    public async Task Zhang_asks_to_defeat_a_lead_and_the_manager_rejects_it_with_instructions()
    {
        var zhang = await browser.NewPageAsync();
        await SignInTests.SignInAsync(zhang, "consultant.zhang");
        await zhang.GotoAsync("/FollowUps?view=week");
        await zhang.Locator("[data-testid=due] a.fw-semibold").Last.ClickAsync();
        await Expect(zhang).ToHaveURLAsync(new Regex(@"/Leads/\d+$"));
        var leadUrl = zhang.Url;
        var customer = await zhang.GetByTestId("lead-customer").InnerTextAsync();
        await zhang.GetByRole(AriaRole.Link, new() { Name = "Ask to close as lost" }).ClickAsync();
        await zhang.GetByLabel("Competitor brand").FillAsync("吉利");
        await zhang.GetByLabel("Competitor model").FillAsync("星越L");
        await zhang.GetByLabel("What went wrong in the sale").FillAsync("客户更看重智能座舱");
        await zhang.GetByRole(AriaRole.Button, new() { Name = "Send to the manager" }).ClickAsync();
        await Expect(zhang.GetByTestId("lead-status")).ToHaveTextAsync("Defeat pending");

        var manager = await browser.NewPageAsync(locale: "zh-CN");
        await SignInTests.SignInAsync(manager, "manager");
        await manager.GetByTestId("defeat-queue-link").ClickAsync();
        await manager.GetByTestId("defeat-queue").GetByRole(AriaRole.Link).Filter(new() { HasText = customer }).ClickAsync();
        await manager.GetByLabel("意见或给顾问的指示").FillAsync("邀请试驾新款车型");
        await manager.GetByRole(AriaRole.Button, new() { Name = "驳回（继续跟进）" }).ClickAsync();
        await Expect(manager).ToHaveURLAsync(new Regex("/Manager/Defeats$"));

        await zhang.GotoAsync(leadUrl);
        await Expect(zhang.GetByTestId("lead-status")).ToHaveTextAsync("Active");
        await Expect(zhang.GetByTestId("open-plan")).ToContainTextAsync("邀请试驾新款车型");
        await Expect(zhang.GetByTestId("unread-count")).ToBeVisibleAsync();
        await zhang.Context.CloseAsync();
        await manager.Context.CloseAsync();
    }

    [Fact]
    public async Task The_manager_approves_a_defeat_then_rescues_the_lead_for_Li_who_finds_it_due_today()
    {
        var zhang = await browser.NewPageAsync();
        await SignInTests.SignInAsync(zhang, "consultant.zhang");
        // One of Zhang's overdue C leads, from his daily list: overdue plans are never in the week view that the
        // other tests take Zhang's leads from.
        var overdueC = zhang.GetByTestId("overdue").Locator(".list-group-item")
            .Filter(new() { Has = zhang.Locator("span.badge", new() { HasTextRegex = new Regex("^C$") }) });
        await overdueC.First.Locator("a.fw-semibold").ClickAsync();
        await Expect(zhang).ToHaveURLAsync(new Regex(@"/Leads/\d+$"));
        await Expect(zhang.GetByTestId("lead-grade")).ToHaveTextAsync("C");
        var leadUrl = zhang.Url;
        var customer = await zhang.GetByTestId("lead-customer").InnerTextAsync();
        await zhang.GetByRole(AriaRole.Link, new() { Name = "Ask to close as lost" }).ClickAsync();
        await zhang.GetByLabel("Reason", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "No longer interested" });
        await zhang.GetByLabel("What went wrong in the sale").FillAsync("三次邀约均未到店，客户表示暂不考虑购车");
        await zhang.GetByRole(AriaRole.Button, new() { Name = "Send to the manager" }).ClickAsync();
        await Expect(zhang.GetByTestId("lead-status")).ToHaveTextAsync("Defeat pending");

        var manager = await browser.NewPageAsync();
        await SignInTests.SignInAsync(manager, "manager");
        await manager.GetByTestId("defeat-queue-link").ClickAsync();
        var request = manager.GetByTestId("defeat-queue").GetByRole(AriaRole.Link).Filter(new() { HasText = customer });
        await Expect(request).ToContainTextAsync("Zhang Wei");
        await Expect(request).ToContainTextAsync("No longer interested");
        await request.ClickAsync();
        await Expect(manager.GetByTestId("explanation")).ToHaveTextAsync("三次邀约均未到店，客户表示暂不考虑购车");
        await manager.GetByLabel("Comment or instructions to the consultant").FillAsync("同意战败");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Approve (lead lost)" }).ClickAsync();
        await Expect(manager).ToHaveURLAsync(new Regex("/Manager/Defeats$"));
        await Expect(Message(manager)).ToHaveTextAsync("Decision recorded: Approved.");
        await Expect(manager.GetByTestId("defeat-queue")).Not.ToContainTextAsync(customer);

        // The card shows the lead lost and its plan cancelled; the manager rescues it for Li with a plan for today.
        await manager.GotoAsync(leadUrl);
        await Expect(manager.GetByTestId("lead-status")).ToHaveTextAsync("Defeated");
        await Expect(manager.GetByTestId("open-plan")).ToContainTextAsync("No open plan.");
        await manager.GetByRole(AriaRole.Link, new() { Name = "Rescue this lead" }).ClickAsync();
        await manager.GetByLabel("Consultant").SelectOptionAsync(new SelectOptionValue { Label = "李明 Li Ming" });
        await manager.GetByLabel("Due date").FillAsync(Day(StoreNow));
        await manager.GetByLabel("Note").FillAsync("战败挽救：邀请参加周末试驾会");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Rescue this lead" }).ClickAsync();
        await Expect(manager).ToHaveURLAsync(leadUrl);
        await Expect(Message(manager)).ToHaveTextAsync("Lead reopened and assigned with a new plan.");
        await Expect(manager.GetByTestId("lead-status")).ToHaveTextAsync("Active");
        await Expect(manager.GetByTestId("lead-owner")).ToContainTextAsync("Li Ming");

        // Li is told, and finds the customer among today's plans on his daily list.
        var li = await browser.NewPageAsync();
        await SignInTests.SignInAsync(li, "consultant.li");
        await Expect(li.GetByTestId("unread-count")).ToBeVisibleAsync();
        await li.GetByTestId("due").GetByRole(AriaRole.Link, new() { Name = customer, Exact = true }).ClickAsync();
        await Expect(li).ToHaveURLAsync(leadUrl);
        await Expect(li.GetByTestId("lead-status")).ToHaveTextAsync("Active");
        await Expect(li.GetByTestId("lead-owner")).ToContainTextAsync("Li Ming");
        await Expect(li.GetByTestId("open-plan")).ToContainTextAsync("战败挽救：邀请参加周末试驾会");
        await Expect(li.GetByTestId("lead-actions")).ToBeVisibleAsync();
        await zhang.Context.CloseAsync();
        await manager.Context.CloseAsync();
        await li.Context.CloseAsync();
    }

    [Fact]
    public async Task The_manager_moves_two_ticked_B_leads_of_Li_to_Zhang_who_then_has_them()
    {
        var manager = await browser.NewPageAsync();
        await SignInTests.SignInAsync(manager, "manager");
        await manager.GetByTestId("queues").GetByRole(AriaRole.Link, new() { Name = "Reassign leads" }).ClickAsync();
        await Expect(manager).ToHaveURLAsync(new Regex("/Manager/Reassign$"));
        await ChooseWhoseLeadsAsync(manager, "Leads of", "Li Ming");
        await manager.GetByLabel("Grade", new() { Exact = true }).SelectOptionAsync("B");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(manager.GetByTestId("matching")).ToHaveTextAsync(new Regex(@"^\d+ open leads match\.$"));

        // The list runs from the nearest plan to the furthest: tick the last two, whose plans are furthest away.
        var rows = manager.GetByTestId("reassign-leads").Locator("tbody tr");
        var count = await rows.CountAsync();
        count.Should().BeGreaterThanOrEqualTo(3, "Li has B leads in the demo data");
        var ticked = new[] { rows.Nth(count - 1), rows.Nth(count - 2) };
        var names = new List<string>();
        foreach (var row in ticked)
        {
            await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("B");
            names.Add(await row.Locator("label").InnerTextAsync());
            await row.GetByRole(AriaRole.Checkbox).CheckAsync();
        }

        await manager.GetByLabel("Only the ticked leads").CheckAsync();
        await manager.GetByLabel("张伟 Zhang Wei").CheckAsync();
        await manager.GetByLabel("Reason", new() { Exact = true }).FillAsync("李明本周外出培训，两位B级客户交张伟跟进");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Move the open leads" }).ClickAsync();
        await Expect(Message(manager)).ToHaveTextAsync("2 leads moved with their plans.");
        foreach (var name in names)
        {
            await Expect(manager.GetByTestId("reassign-leads")).Not.ToContainTextAsync(name);
        }

        // Zhang has both on his lead list; the card says who moved it from whom, and why.
        var zhang = await browser.NewPageAsync();
        await SignInTests.SignInAsync(zhang, "consultant.zhang");
        await zhang.GotoAsync("/Leads");
        foreach (var name in names)
        {
            await Expect(zhang.GetByTestId("leads").GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        }

        await zhang.GetByTestId("leads").GetByRole(AriaRole.Link, new() { Name = names[0], Exact = true }).ClickAsync();
        await Expect(zhang.GetByTestId("lead-customer")).ToHaveTextAsync(names[0]);
        await Expect(zhang.GetByTestId("lead-owner")).ToContainTextAsync("Zhang Wei");
        await Expect(zhang.GetByTestId("lead-history")).ToContainTextAsync("李明本周外出培训，两位B级客户交张伟跟进");
        await Expect(zhang.GetByTestId("open-plan")).Not.ToContainTextAsync("No open plan.");
        await manager.Context.CloseAsync();
        await zhang.Context.CloseAsync();
    }

    [Fact]
    public async Task The_manager_moves_all_of_Lis_overdue_H_leads_to_Zhang_in_chinese()
    {
        var manager = await browser.NewPageAsync(locale: "zh-CN");
        await SignInTests.SignInAsync(manager, "manager");
        await manager.GetByTestId("queues").GetByRole(AriaRole.Link, new() { Name = "客户调配" }).ClickAsync();
        await ChooseWhoseLeadsAsync(manager, "原跟进顾问", "Li Ming");
        await manager.GetByLabel("意向级别", new() { Exact = true }).SelectOptionAsync("H");
        await manager.GetByLabel("仅计划已逾期").CheckAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();

        // A small set: the demo data leaves one in five plans overdue.
        var matching = await manager.GetByTestId("matching").InnerTextAsync();
        var found = Regex.Match(matching, @"^符合条件的未关闭客户：(\d+) 个。$");
        found.Success.Should().BeTrue($"the count reads \"{matching}\"");
        var n = int.Parse(found.Groups[1].Value, CultureInfo.InvariantCulture);
        n.Should().BeInRange(1, 5);
        var names = await manager.GetByTestId("reassign-leads").Locator("tbody label").AllInnerTextsAsync();
        names.Should().HaveCount(n);

        await manager.GetByLabel($"全部 {n} 条符合条件的线索").CheckAsync();
        await manager.GetByLabel("张伟 Zhang Wei").CheckAsync();
        await manager.GetByLabel("原因", new() { Exact = true }).FillAsync("逾期H级客户交张伟当天跟进");
        await manager.GetByRole(AriaRole.Button, new() { Name = "调配未关闭的客户" }).ClickAsync();
        await Expect(Message(manager)).ToHaveTextAsync($"已调配 {n} 个客户及其跟进计划。");

        // The same filter now finds nothing: every matching lead moved.
        await manager.GetByLabel("意向级别", new() { Exact = true }).SelectOptionAsync("H");
        await manager.GetByLabel("仅计划已逾期").CheckAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await Expect(manager.GetByTestId("matching")).ToHaveTextAsync("符合条件的未关闭客户：0 个。");

        // They are overdue, so Zhang finds them at the top of his day, with the overdue plans that moved with them.
        var zhang = await browser.NewPageAsync(locale: "zh-CN");
        await SignInTests.SignInAsync(zhang, "consultant.zhang");
        foreach (var name in names)
        {
            await Expect(zhang.GetByTestId("overdue").GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        }

        await manager.Context.CloseAsync();
        await zhang.Context.CloseAsync();
    }

    [Fact]
    public async Task A_lead_entered_by_hand_three_days_late_is_marked_late_and_Li_finds_it_on_his_day_once_assigned()
    {
        var name = "上官清";
        var mobile = $"137{Random.Shared.Next(10_000_000, 99_999_999)}";
        var manager = await browser.NewPageAsync();
        await SignInTests.SignInAsync(manager, "manager");
        await manager.GetByTestId("unassigned-link").ClickAsync();
        await Expect(manager).ToHaveURLAsync(new Regex("/Manager/Unassigned$"));

        var add = manager.GetByTestId("incoming-add");
        await add.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await add.GetByLabel("Mobile", new() { Exact = true }).FillAsync(mobile);
        await add.GetByLabel("Model of interest").FillAsync("坦克500");
        await add.GetByLabel("Source", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Dealer website" });
        await add.GetByLabel("Arrival date").FillAsync(Day(StoreNow.AddDays(-3)));
        await add.GetByLabel("Arrival time").FillAsync("10:30");
        await add.GetByRole(AriaRole.Button, new() { Name = "Add to the queue" }).ClickAsync();
        await Expect(Message(manager)).ToHaveTextAsync("The lead is in the queue.");

        var row = manager.GetByTestId("incoming-row").Filter(new() { HasText = mobile });
        await Expect(row).ToContainTextAsync(name);
        await Expect(row).ToContainTextAsync("Dealer website");
        await Expect(row).ToContainTextAsync("Late: past 2 days");
        await Expect(row).ToHaveAttributeAsync("data-late", "true");
        await Expect(manager.GetByTestId("incoming-counts")).ToContainTextAsync("past 2 days");

        await row.GetByRole(AriaRole.Checkbox).CheckAsync();
        await manager.GetByLabel("Assign the ticked leads to").SelectOptionAsync(new SelectOptionValue { Label = "李明 Li Ming" });
        await manager.GetByTestId("assign").ClickAsync();
        await Expect(Message(manager)).ToHaveTextAsync(
            "1 leads assigned (first contact due today), 0 added to the customer's existing lead, 0 already decided by someone else.");
        await Expect(manager.GetByTestId("incoming-queue")).Not.ToContainTextAsync(mobile);

        // Li's day: a new lead not contacted yet, and its first contact is planned for today.
        var li = await browser.NewPageAsync();
        await SignInTests.SignInAsync(li, "consultant.li");
        var newLead = li.GetByTestId("not-contacted").GetByRole(AriaRole.Link).Filter(new() { HasText = name });
        await Expect(newLead).ToContainTextAsync("Dealer website");
        await Expect(li.GetByTestId("due").GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        await newLead.ClickAsync();
        await Expect(li.GetByTestId("lead-customer")).ToHaveTextAsync(name);
        await Expect(li.GetByTestId("lead-mobile")).ToHaveTextAsync(mobile);
        await Expect(li.GetByTestId("lead-owner")).ToContainTextAsync("Li Ming");
        await Expect(li.GetByTestId("open-plan")).ToContainTextAsync(Day(StoreNow));
        await manager.Context.CloseAsync();
        await li.Context.CloseAsync();
    }

    [Fact]
    public async Task The_manager_imports_a_csv_file_sees_the_counts_and_the_refused_line_and_a_second_import_adds_nothing()
    {
        var yesterday = Day(StoreNow.AddDays(-1));
        var mobiles = new[] { $"135{Random.Shared.Next(10_000_000, 99_999_999)}", $"135{Random.Shared.Next(10_000_000, 99_999_999)}" };
        var csv = $"""
            name,mobile,model,source,arrived_at
            司徒静,{mobiles[0]},哈弗H6,website,{yesterday} 09:30
            欧阳峰,{mobiles[1]},坦克300,internet platform,{yesterday} 14:20
            慕容复,13500000000,长城炮,billboard,{yesterday} 15:00
            """;
        var file = new FilePayload
        {
            Name = "leads-e2e.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes(csv + "\n"),
        };
        var manager = await browser.NewPageAsync();
        await SignInTests.SignInAsync(manager, "manager");
        await manager.GetByTestId("unassigned-link").ClickAsync();
        await manager.GetByRole(AriaRole.Link, new() { Name = "Import leads (CSV)" }).ClickAsync();

        await manager.GetByLabel("CSV file").SetInputFilesAsync(file);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        var result = manager.GetByTestId("import-result");
        await Expect(result).ToContainTextAsync("Result of leads-e2e.csv");
        await Expect(result.GetByTestId("rows-read")).ToHaveTextAsync("3");
        await Expect(result.GetByTestId("added")).ToHaveTextAsync("2");
        await Expect(result.GetByTestId("present")).ToHaveTextAsync("0");
        await Expect(result.GetByTestId("refused")).ToHaveTextAsync("1");
        var refused = manager.GetByTestId("import-problems").Locator("tbody tr");
        await Expect(refused).ToHaveCountAsync(1);
        await Expect(refused.Locator("td")).ToHaveTextAsync(
            ["4", "Source", "Unknown source: use website, manufacturer or internet platform."]);

        // The same file again adds nothing; the queue holds the two good rows with their sources.
        await manager.GetByLabel("CSV file").SetInputFilesAsync(file);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Expect(result.GetByTestId("added")).ToHaveTextAsync("0");
        await Expect(result.GetByTestId("present")).ToHaveTextAsync("2");
        await Expect(result.GetByTestId("refused")).ToHaveTextAsync("1");
        await result.GetByRole(AriaRole.Link, new() { Name = "Unassigned leads" }).ClickAsync();
        await Expect(manager.GetByTestId("incoming-row").Filter(new() { HasText = mobiles[0] })).ToContainTextAsync("司徒静");
        await Expect(manager.GetByTestId("incoming-row").Filter(new() { HasText = mobiles[0] })).ToContainTextAsync("Dealer website");
        await Expect(manager.GetByTestId("incoming-row").Filter(new() { HasText = mobiles[1] })).ToContainTextAsync("欧阳峰");
        await Expect(manager.GetByTestId("incoming-row").Filter(new() { HasText = mobiles[1] })).ToContainTextAsync("Internet platform");
        await Expect(manager.GetByTestId("incoming-queue")).Not.ToContainTextAsync("慕容复");
        await manager.Context.CloseAsync();
    }

    private static readonly TimeZoneInfo StoreZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private DateTimeOffset StoreNow => TimeZoneInfo.ConvertTime(browser.Now, StoreZone);

    private static string Day(DateTimeOffset at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The message the layout shows after a redirect, the page's only status region.</summary>
    private static ILocator Message(IPage page) => page.GetByRole(AriaRole.Status);

    /// <summary>"Leads of": the option that names the consultant (its text ends with their open-lead count).</summary>
    private static async Task ChooseWhoseLeadsAsync(IPage page, string label, string consultant)
    {
        var select = page.GetByLabel(label, new() { Exact = true });
        var value = await select.Locator("option").Filter(new() { HasText = consultant }).GetAttributeAsync("value");
        await select.SelectOptionAsync(value!);
    }

    [Fact]
    public async Task Select_all_ticks_every_lead_on_the_page_and_one_untick_leaves_it_mixed()
    {
        var manager = await browser.NewPageAsync();
        await SignInTests.SignInAsync(manager, "manager");
        await manager.GotoAsync("/Manager/Unassigned");
        var boxes = manager.Locator("[data-testid=incoming-form] input[name=Selected]");
        (await boxes.CountAsync()).Should().BeGreaterThan(1, "the demo queue has several leads");

        await manager.GetByLabel("Select all on this page").CheckAsync();
        foreach (var box in await boxes.AllAsync())
        {
            await Expect(box).ToBeCheckedAsync();
        }

        await boxes.First.UncheckAsync();
        (await manager.Locator("#select-all").EvaluateAsync<bool>("e => e.indeterminate")).Should().BeTrue();
        await manager.Context.CloseAsync();
    }
}
