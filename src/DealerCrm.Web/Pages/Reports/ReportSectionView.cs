namespace DealerCrm.Web.Pages.Reports;

/// <summary>What <c>_ReportSection.cshtml</c> draws: a table, the same table to compare with, and per-row links.</summary>
public sealed record ReportSectionView(Infrastructure.Export.ReportSection Section, string TestId, string EmptyText,
    Infrastructure.Export.ReportSection? Compare = null, string? Caption = null,
    IReadOnlyDictionary<string, string>? Links = null, string? LinkText = null);
