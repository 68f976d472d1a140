namespace DealerCrm.Web.Pages;

/// <summary>
/// A horizontal bar chart for the reports and the loyalty page, drawn by <c>_BarChart.cshtml</c> the way the sales
/// board draws its chart: server-rendered bars whose widths are classes in 5 % steps (the CSP allows no inline style
/// and no inline script). It is a picture of a table shown beside it, which carries the same numbers for screen readers and print.
/// </summary>
/// <param name="Series">The legend: one name per bar of a group (one series: no legend).</param>
public sealed record BarChart(string TestId, string Title, IReadOnlyList<string> Series, IReadOnlyList<BarGroup> Groups);

/// <summary>One label with its bars, one per series (null: no value, e.g. a share of nothing).</summary>
public sealed record BarGroup(string Label, IReadOnlyList<Bar?> Bars);

/// <summary>A bar: its length as a fraction of the chart's width (0–1) and the text shown after it.</summary>
public sealed record Bar(double Fraction, string Text)
{
    /// <summary>The width class's step: the fraction rounded to 5 %, at least one step for a value above zero.</summary>
    public int WidthStep => Fraction <= 0 ? 0 : Math.Clamp((int)Math.Round(Fraction * 20, MidpointRounding.AwayFromZero), 1, 20) * 5;
}
