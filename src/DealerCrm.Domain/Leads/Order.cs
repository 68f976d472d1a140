using System.Linq.Expressions;
using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Leads;

public enum OrderStatus
{
    Open = 0,
    Delivered = 1,
    Cancelled = 2,
}

/// <summary>An order (订单, spec 2.3). More than two months old and not delivered, it is overdue (超期).</summary>
public sealed class Order
{
    public const int TextMaxLength = 100;
    public const int ReasonMaxLength = 200;

    private Order()
    {
        Model = string.Empty;
    }

    internal Order(long leadId, int storeId, OrderRequest request, Grade gradeBefore, DateTimeOffset now)
        : this()
    {
        if (request.AgreedPrice is <= 0 or > 100_000_000m)
        {
            throw new DomainException("Order.PriceRange", nameof(AgreedPrice));
        }

        if (request.Deposit < 0 || request.Deposit > request.AgreedPrice)
        {
            throw new DomainException("Order.DepositRange", nameof(Deposit));
        }

        if (request.ExpectedDeliveryDate is { } expected && expected < request.OrderDate)
        {
            throw new DomainException("Order.DeliveryBeforeOrder", nameof(ExpectedDeliveryDate));
        }

        LeadId = leadId;
        StoreId = storeId;
        OrderDate = request.OrderDate;
        Model = Text.Required(request.Model, TextMaxLength, nameof(Model), "Order.ModelRequired");
        Configuration = Text.Optional(request.Configuration, TextMaxLength, nameof(Configuration));
        Colour = Text.Optional(request.Colour, TextMaxLength, nameof(Colour));
        AgreedPrice = decimal.Round(request.AgreedPrice, 2);
        Deposit = decimal.Round(request.Deposit, 2);
        PaymentMethod = request.PaymentMethod;
        TradeIn = Text.Optional(request.TradeIn, TextMaxLength, nameof(TradeIn));
        ExpectedDeliveryDate = request.ExpectedDeliveryDate;
        ContractNumber = Text.Optional(request.ContractNumber, 50, nameof(ContractNumber));
        GradeBefore = gradeBefore;
        Status = OrderStatus.Open;
        CreatedAt = now.ToUniversalTime();
    }

    public long Id { get; private set; }

    public long LeadId { get; private set; }

    public int StoreId { get; private set; }

    public DateOnly OrderDate { get; private set; }

    public string Model { get; private set; }

    public string? Configuration { get; private set; }

    public string? Colour { get; private set; }

    public decimal AgreedPrice { get; private set; }

    public decimal Deposit { get; private set; }

    public PaymentMethod PaymentMethod { get; private set; }

    public string? TradeIn { get; private set; }

    public DateOnly? ExpectedDeliveryDate { get; private set; }

    public string? ContractNumber { get; private set; }

    /// <summary>The lead's grade before the order: it returns to it if the order is cancelled.</summary>
    public Grade GradeBefore { get; private set; }

    public OrderStatus Status { get; private set; }

    public string? CancelReason { get; private set; }

    public bool? DepositRefunded { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Overdue orders job (5.1, issue 14): when it found this order overdue (<see cref="OverdueRule"/>) and
    /// told the consultant and the managers (once). Set only by the job.</summary>
    public DateTimeOffset? OverdueFlaggedAt { get; private set; }

    /// <summary>"Two months" as the overdue-order rule counts it: the spec's example has 61 days overdue.</summary>
    public const int OverdueAfterDays = 60;

    /// <summary>
    /// 超期 (spec 2.3): an open order more than two months (60 days) old on the store-local <c>today</c>, or past its
    /// expected delivery date, whatever its lead's status.
    /// </summary>
    public static Expression<Func<Order, DateOnly, bool>> OverdueRule { get; } =
        (o, today) => o.Status == OrderStatus.Open
            && (o.OrderDate < today.AddDays(-OverdueAfterDays) || o.ExpectedDeliveryDate < today);

    private static readonly Func<Order, DateOnly, bool> IsOverdueCompiled = OverdueRule.Compile();

    public static Expression<Func<Order, bool>> Overdue(DateOnly today) => Predicate.Bind(OverdueRule, today);

    public bool IsOverdue(DateOnly today) => IsOverdueCompiled(this, today);

    internal void Cancel(string? reason, bool depositRefunded)
    {
        if (Status != OrderStatus.Open)
        {
            throw new DomainException("Order.NotOpen");
        }

        CancelReason = Text.Required(reason, ReasonMaxLength, nameof(CancelReason), "Order.CancelReasonRequired");
        DepositRefunded = depositRefunded;
        Status = OrderStatus.Cancelled;
    }

    internal void MarkDelivered() => Status = OrderStatus.Delivered;
}

public sealed record OrderRequest(
    DateOnly OrderDate,
    string? Model,
    string? Configuration,
    string? Colour,
    decimal AgreedPrice,
    decimal Deposit,
    PaymentMethod PaymentMethod,
    string? TradeIn,
    DateOnly? ExpectedDeliveryDate,
    string? ContractNumber);
