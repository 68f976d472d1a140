namespace DealerCrm.Domain.Loyalty;

public enum LoyaltyRunTrigger : short
{
    Schedule = 0,
    Admin = 1,
}

public enum LoyaltyRunStatus : short
{
    Running = 0,
    Finished = 1,
    Failed = 2,
}

/// <summary>
/// One recalculation of loyalty and tiers over the group (spec 5.1): who started it, how far it got (step of steps,
/// shown on /Admin/Loyalty), and what it changed. A run killed half-way stays Running until the next run takes over.
/// </summary>
public sealed class LoyaltyRun
{
    private LoyaltyRun()
    {
    }

    public LoyaltyRun(LoyaltyRunTrigger trigger, long? byUserId, int steps, DateTimeOffset now)
    {
        Trigger = trigger;
        ByUserId = byUserId;
        Steps = steps;
        StartedAt = now.ToUniversalTime();
        Status = LoyaltyRunStatus.Running;
    }

    public long Id { get; private set; }

    public LoyaltyRunTrigger Trigger { get; private set; }

    public long? ByUserId { get; private set; }

    public LoyaltyRunStatus Status { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Steps done of <see cref="Steps"/> (progress on the Admin page).</summary>
    public int Step { get; private set; }

    public int Steps { get; private set; }

    public int Customers { get; private set; }

    public int CategoryChanges { get; private set; }

    public int Upgrades { get; private set; }

    public int Downgrades { get; private set; }

    public int Held { get; private set; }

    public string? Error { get; private set; }

    public void Advance(int step) => Step = Math.Clamp(step, Step, Steps);

    public void Finish(int customers, int categoryChanges, int upgrades, int downgrades, int held, DateTimeOffset now)
    {
        Customers = customers;
        CategoryChanges = categoryChanges;
        Upgrades = upgrades;
        Downgrades = downgrades;
        Held = held;
        Step = Steps;
        Status = LoyaltyRunStatus.Finished;
        FinishedAt = now.ToUniversalTime();
    }

    public void Fail(string error, DateTimeOffset now)
    {
        Status = LoyaltyRunStatus.Failed;
        Error = error.Length > 500 ? error[..500] : error;
        FinishedAt = now.ToUniversalTime();
    }
}
