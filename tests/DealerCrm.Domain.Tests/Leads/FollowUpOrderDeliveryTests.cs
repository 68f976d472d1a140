using DealerCrm.Domain.Common;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;

namespace DealerCrm.Domain.Tests.Leads;

public sealed class Recording_a_follow_up
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly GradePolicy Policy = new(1);

    [Fact]
    public void Closes_the_plan_it_answers_and_needs_the_next_one_due_by_the_grades_interval()
    {
        var lead = NewLead(Grade.A);
        var answered = lead.OpenPlan!;

        var refused = () => lead.RecordFollowUp(Phone("约周六来店", FollowUpResult.Invited), null, Policy, Today, 3, Now);
        refused.Should().Throw<DomainException>().Which.MessageKey.Should().Be("Plan.NextRequired");

        var record = lead.RecordFollowUp(Phone("约周六来店", FollowUpResult.Invited), Next(Today.AddDays(7)), Policy, Today, 3, Now);

        answered.Status.Should().Be(PlanStatus.Done);
        record.PlanId.Should().Be(answered.Id);
        lead.Plans.Where(p => p.Status == PlanStatus.Open).Should().ContainSingle().Which.DueDate.Should().Be(Today.AddDays(7));
        (lead.Grade, lead.LastFollowUpDate, lead.FirstContactAt).Should().Be((Grade.A, Today, Now));
    }

    [Fact]
    public void Needs_content_and_a_reason_for_a_later_next_plan()
    {
        var lead = NewLead(Grade.A);

        FluentActions.Invoking(() => lead.RecordFollowUp(Phone(" ", FollowUpResult.Reached), Next(Today.AddDays(7)), Policy, Today, 3, Now))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("FollowUp.ContentRequired");
        FluentActions.Invoking(() => lead.RecordFollowUp(Phone("在出差", FollowUpResult.Reached), Next(Today.AddDays(9)), Policy, Today, 3, Now))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Plan.LaterDateNeedsReason");
    }

    [Fact]
    public void With_a_new_grade_uses_that_grades_interval_and_keeps_the_change()
    {
        var lead = NewLead(Grade.B);

        lead.RecordFollowUp(Phone("价格谈妥，下周提车", FollowUpResult.Quoted) with { NewGrade = Grade.H },
            Next(Today.AddDays(2)), Policy, Today, 3, Now);

        lead.Grade.Should().Be(Grade.H);
        lead.Events.Should().Contain(e => e.Kind == LeadEventKind.GradeChanged && e.FromGrade == Grade.B && e.ToGrade == Grade.H);
    }

    [Fact]
    public void Without_reaching_the_customer_is_no_first_contact()
    {
        var lead = NewLead(Grade.C);

        lead.RecordFollowUp(Phone("无人接听", FollowUpResult.NoAnswer), Next(Today.AddDays(1)), Policy, Today, 3, Now);

        lead.FirstContactAt.Should().BeNull();
    }

    internal static Lead NewLead(Grade grade) => Lead.Create(new NewLead
    {
        StoreId = 1,
        CustomerId = 2,
        OwnerId = 3,
        Source = SourceChannel.DealerWebsite,
        Grade = grade,
        FirstPlan = new PlanRequest(Today, null, ContactMethod.Phone, PlanPurpose.InviteToStore, null, null),
    }, Policy, Today, Now);

    internal static PlanRequest Next(DateOnly due) => new(due, null, ContactMethod.Phone, PlanPurpose.InviteToStore, null, null);

    private static FollowUpEntry Phone(string content, FollowUpResult result) =>
        new(Now, ContactMethod.Phone, content, result, null);
}

public sealed class An_order
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly GradePolicy Policy = new(1);

    [Fact]
    public void With_a_deposit_at_the_threshold_makes_the_lead_O_Ordered_with_a_ten_day_reassurance_plan()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);

        var order = lead.PlaceOrder(Order(5000m), Policy, Today, 3, Now);

        (lead.Grade, lead.Status).Should().Be((Grade.O, LeadStatus.Ordered));
        lead.OpenPlan!.DueDate.Should().Be(Today.AddDays(10));
        lead.OpenPlan.Purpose.Should().Be(PlanPurpose.OrderReassurance);
        order.GradeBefore.Should().Be(Grade.A);
    }

    [Fact]
    public void Keeps_the_lead_at_O_until_delivered_or_cancelled()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);
        lead.PlaceOrder(Order(5000m), Policy, Today, 3, Now);

        FluentActions.Invoking(() => lead.ChangeGrade(Grade.H, [], "客户很急", 3, Now))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Lead.GradeFixed");
        lead.Grade.Should().Be(Grade.O);
    }

    [Fact]
    public void With_a_small_deposit_is_saved_and_leaves_the_grade()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);
        var plan = lead.OpenPlan!;

        lead.PlaceOrder(Order(500m), Policy, Today, 3, Now);

        (lead.Grade, lead.Status, lead.OpenPlan).Should().Be((Grade.A, LeadStatus.Active, plan));
        lead.Orders.Should().ContainSingle();
    }

    [Fact]
    public void Is_overdue_after_two_months_or_past_its_expected_delivery()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);
        var order = lead.PlaceOrder(Order(5000m) with { OrderDate = Today.AddDays(-61), ExpectedDeliveryDate = null },
            Policy, Today, 3, Now);

        order.IsOverdue(Today).Should().BeTrue("61 days is more than two months");
        order.IsOverdue(Today.AddDays(-1)).Should().BeFalse("60 days is not yet");
        DealerCrm.Domain.Leads.Order.Overdue(Today).Compile()(order).Should().BeTrue("the query form is the same rule");

        var recent = Recording_a_follow_up.NewLead(Grade.A).PlaceOrder(Order(5000m), Policy, Today, 3, Now);
        recent.IsOverdue(recent.ExpectedDeliveryDate!.Value).Should().BeFalse("due for delivery that day");
        recent.IsOverdue(recent.ExpectedDeliveryDate.Value.AddDays(1)).Should().BeTrue("past its expected delivery");
        lead.Deliver(new DeliveryRequest(Now, 150_000m, "FP-001", "LSVAU218XN2183294"), 3, Now);
        order.IsOverdue(Today).Should().BeFalse("a delivered order is not overdue");
    }

    [Fact]
    public void Cancelled_returns_the_lead_to_its_previous_grade_with_a_new_plan()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.H);
        lead.PlaceOrder(Order(5000m), Policy, Today, 3, Now);

        FluentActions.Invoking(() => lead.CancelOrder(" ", true, Recording_a_follow_up.Next(Today), Policy, Today, 3, Now))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Order.CancelReasonRequired");
        lead.CancelOrder("客户资金出了问题", true, Recording_a_follow_up.Next(Today.AddDays(1)), Policy, Today, 3, Now);

        (lead.Grade, lead.Status).Should().Be((Grade.H, LeadStatus.Active));
        lead.Orders.Single().Status.Should().Be(OrderStatus.Cancelled);
        lead.Plans.Count(p => p.Status == PlanStatus.Open).Should().Be(1);
    }

    [Fact]
    public void Delivered_makes_the_lead_Won_and_closes_its_plan()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);
        lead.PlaceOrder(Order(5000m), Policy, Today, 3, Now);

        var delivery = lead.Deliver(new DeliveryRequest(Now, 158_000m, "FP-001", "LSVAU218XN2183294"), 3, Now);

        (lead.Status, lead.OpenPlan, lead.Orders.Single().Status).Should().Be((LeadStatus.Won, null, OrderStatus.Delivered));
        delivery.FinalPrice.Should().Be(158_000m);
        FluentActions.Invoking(() => lead.Deliver(new DeliveryRequest(Now, 1m, "X", "LSVAU218XN2183294"), 3, Now))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Lead.Closed", "a won lead is delivered once");
    }

    [Fact]
    public void Delivered_keeps_the_leads_owner_as_the_consultant_who_sold_the_car_whoever_records_it()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);
        lead.PlaceOrder(Order(5000m), Policy, Today, 3, Now);
        lead.Reassign(7, "顾问离职", 9, Now);

        var delivery = lead.Deliver(new DeliveryRequest(Now, 158_000m, "FP-001", "LSVAU218XN2183294"), 9, Now);

        delivery.ConsultantId.Should().Be(7, "the owner when it was delivered, not the first owner or who recorded it");
    }

    [Fact]
    public void Delivered_is_kept_in_the_history_with_the_vin_the_price_and_the_order()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);
        var order = lead.PlaceOrder(Order(5000m), Policy, Today, 3, Now);

        lead.Deliver(new DeliveryRequest(Now, 158_000m, "FP-001", " lsvau218xn2183294 "), 3, Now);

        lead.Events.Should().ContainSingle(e => e.Kind == LeadEventKind.StatusChanged && e.ToStatus == LeadStatus.Won)
            .Which.FromStatus.Should().Be(LeadStatus.Ordered);
        var delivered = lead.Events.Should().ContainSingle(e => e.Kind == LeadEventKind.Delivered).Subject;
        (delivered.Vin, delivered.Amount, delivered.Order, delivered.ActorId)
            .Should().Be(("LSVAU218XN2183294", 158_000m, order, 3L));
    }

    [Fact]
    public void A_delivery_with_a_bad_vin_is_refused_and_changes_nothing()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);
        lead.PlaceOrder(Order(5000m), Policy, Today, 3, Now);
        var events = lead.Events.Count;

        FluentActions.Invoking(() => lead.Deliver(new DeliveryRequest(Now, 158_000m, "FP-001", "LSVAU2180N218329O"), 3, Now))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Vin.ForbiddenLetters");

        (lead.Status, lead.Orders.Single().Status, lead.Events.Count)
            .Should().Be((LeadStatus.Ordered, OrderStatus.Open, events));
    }

    internal static OrderRequest Order(decimal deposit) =>
        new(Today, "哈弗H6", "Pro", "白色", 150_000m, deposit, PaymentMethod.Loan, null, Today.AddDays(20), "HT-001");
}

public sealed class Vehicle_identifiers
{
    [Fact]
    public void A_vin_has_seventeen_characters_without_I_O_or_Q()
    {
        Vin.Normalize(" lsvau218xn2183294 ").Should().Be("LSVAU218XN2183294");
        FluentActions.Invoking(() => Vin.Normalize("LSVAU2180N218329O")).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Vin.ForbiddenLetters");
        FluentActions.Invoking(() => Vin.Normalize("LSVAU2180N218329")).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Vin.Length");
    }

    [Theory]
    [InlineData("沪A12345", "沪A12345")]
    [InlineData("粤b·d12345", "粤BD12345")]
    [InlineData("", null)]
    public void A_plate_is_province_letter_and_five_or_six_characters(string typed, string? stored) =>
        PlateNumber.NormalizeOptional(typed).Should().Be(stored);

    [Theory]
    [InlineData("A12345")]
    [InlineData("沪12345")]
    [InlineData("沪A1234")]
    public void Other_plates_are_refused(string typed) =>
        FluentActions.Invoking(() => PlateNumber.NormalizeOptional(typed)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Plate.Invalid");
}
