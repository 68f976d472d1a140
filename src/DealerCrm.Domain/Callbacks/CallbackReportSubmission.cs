using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Callbacks;

/// <summary>
/// A store's monthly callback report as the service manager submitted it to the GM (4.6): the quality analysis and
/// the figures frozen as they were at submission (a JSON document written by the report's own code, every callback
/// type's figures), so later changes to the records do not alter it; the live figures stay beside it. Once per
/// store and month.
/// </summary>
public sealed class CallbackReportSubmission
{
    public const int AnalysisMaxLength = 8000;

    private CallbackReportSubmission()
    {
        Analysis = string.Empty;
        Figures = string.Empty;
    }

    public CallbackReportSubmission(int storeId, int year, int month, string analysis, string figures,
        long submittedById, DateTimeOffset now)
        : this()
    {
        if (year is < 2000 or > 2100 || month is < 1 or > 12)
        {
            throw new DomainException("CallbackReport.MonthInvalid", "Month");
        }

        ArgumentException.ThrowIfNullOrEmpty(figures);
        StoreId = storeId;
        Year = year;
        Month = month;
        Analysis = Text.Required(analysis, AnalysisMaxLength, nameof(Analysis), "CallbackReport.AnalysisRequired");
        Figures = figures;
        SubmittedById = submittedById;
        SubmittedAt = now.ToUniversalTime();
    }

    public long Id { get; private set; }

    public int StoreId { get; private set; }

    public int Year { get; private set; }

    public int Month { get; private set; }

    public string Analysis { get; private set; }

    /// <summary>The frozen figures (JSON, jsonb in the database).</summary>
    public string Figures { get; private set; }

    public long SubmittedById { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }
}
