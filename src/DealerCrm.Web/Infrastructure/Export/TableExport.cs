using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using SpreadCheetah;
using SpreadCheetah.Styling;

namespace DealerCrm.Web.Infrastructure.Export;

public enum ExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// One column of an exported table: its (already localized) header and how a row gives its text. A column of amounts
/// or counts also says how a row gives its number: the .xlsx then holds a number cell, the CSV still the text.
/// </summary>
public sealed record ExportColumn<T>(string Header, Func<T, string?> Value, Func<T, decimal?>? Number = null);

/// <summary>What an export wrote, for its audit entry.</summary>
public sealed record ExportOutcome(ExportFormat Format, int Rows, bool Capped, bool Completed = true);

/// <summary>
/// The one place lists are written to CSV and .xlsx (spec 3.4): every text cell is made safe from formula injection
/// (ASVS 5.3.3) the same way in both formats, rows are read from the database as a stream, and no export holds more
/// than <see cref="MaxRows"/> rows.
/// </summary>
public static class TableExport
{
    public const int MaxRows = 100_000;

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>A cell that a spreadsheet would read as a formula gets a leading single quote, shown as text.</summary>
    public static string Escape(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty
        : Array.IndexOf(FormulaStarts, text[0]) >= 0 ? "'" + text
        : text;

    public static string ContentType(ExportFormat format) => format == ExportFormat.Csv
        ? "text/csv; charset=utf-8"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string Extension(ExportFormat format) => format == ExportFormat.Csv ? "csv" : "xlsx";

    /// <summary>Writes the rows (at most <see cref="MaxRows"/>; pass one more to learn whether the list was capped).</summary>
    public static async Task<ExportOutcome> WriteAsync<T>(ExportFormat format, Stream output, string sheetName,
        IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        return format == ExportFormat.Csv
            ? await WriteCsvAsync(output, columns, rows, cancellationToken)
            : await WriteXlsxAsync(output, sheetName, columns, rows, cancellationToken);
    }

    private static async Task<ExportOutcome> WriteCsvAsync<T>(Stream output, IReadOnlyList<ExportColumn<T>> columns,
        IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        // CsvHelper writes into a string buffer that is sent every few hundred rows: the response body only takes
        // asynchronous writes. The byte-order mark makes Excel read the Chinese names as UTF-8. CsvHelper's own
        // injection handling stays off: Escape above does it, identically for both formats.
        await output.WriteAsync(Encoding.UTF8.Preamble.ToArray(), cancellationToken);
        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        await using var csv = new CsvWriter(buffer, new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture)
        {
            InjectionOptions = CsvHelper.Configuration.InjectionOptions.None,
            NewLine = "\r\n",
        }, leaveOpen: true);

        async Task SendAsync()
        {
            csv.Flush();
            var text = buffer.GetStringBuilder();
            if (text.Length > 0)
            {
                await output.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken);
                text.Clear();
            }
        }

        foreach (var column in columns)
        {
            csv.WriteField(Escape(column.Header));
        }

        csv.NextRecord();
        var count = 0;
        var capped = false;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (count == MaxRows)
            {
                capped = true;
                break;
            }

            foreach (var column in columns)
            {
                csv.WriteField(Escape(column.Value(row)));
            }

            csv.NextRecord();
            if (++count % 500 == 0)
            {
                await SendAsync();
            }
        }

        await SendAsync();
        return new ExportOutcome(ExportFormat.Csv, count, capped);
    }

    private static async Task<ExportOutcome> WriteXlsxAsync<T>(Stream output, string sheetName,
        IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        // Forward-only: each row is written as it is read and the zip is streamed without seeking, so memory stays
        // flat whatever the row count. Every cell is text, as the pages format it, written as given (a text cell is
        // never read as a formula, and Escape still adds the quote a user would see), except a column's numbers.
        await using var body = new DeferredSyncWriteStream(output);
        var outcome = await WriteSheetAsync(body, sheetName, columns, rows, cancellationToken);
        await body.FlushPendingAsync(cancellationToken);
        return outcome;
    }

    private static async Task<ExportOutcome> WriteSheetAsync<T>(Stream output, string sheetName,
        IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output, new SpreadCheetahOptions
        {
            PreserveStringWhitespace = true,

            // Optional in Open XML, but some readers (older importers, streaming parsers) place cells only by them.
            WriteCellReferenceAttributes = true,
        }, cancellationToken);
        await spreadsheet.StartWorksheetAsync(sheetName, token: cancellationToken);
        var bold = spreadsheet.AddStyle(new Style { Font = { Bold = true } });
        var cells = new Cell[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            cells[c] = new Cell(Escape(columns[c].Header), bold);
        }

        await spreadsheet.AddRowAsync(cells, cancellationToken);
        var count = 0;
        var capped = false;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (count == MaxRows)
            {
                capped = true;
                break;
            }

            for (var c = 0; c < columns.Count; c++)
            {
                if (columns[c].Number?.Invoke(row) is { } number)
                {
                    cells[c] = new Cell(number);
                    continue;
                }

                var text = columns[c].Value(row);
                cells[c] = string.IsNullOrEmpty(text) ? default : new Cell(Escape(text));
            }

            await spreadsheet.AddRowAsync(cells, cancellationToken);
            count++;
        }

        await spreadsheet.FinishAsync(cancellationToken);
        return new ExportOutcome(ExportFormat.Xlsx, count, capped);
    }
}

/// <summary>
/// Streams an export as the response, then lets the page record its audit entry with the row count. The audit entry
/// is written even when the download fails part way (marked as not completed): the rows may have left already.
/// </summary>
public sealed class ExportResult<T>(ExportFormat format, string fileName, string sheetName,
    IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows, Func<ExportOutcome, Task> written) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = TableExport.ContentType(format);
        response.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = $"{fileName}.{TableExport.Extension(format)}",
        }.ToString();
        response.Headers.CacheControl = "no-store";
        var outcome = new ExportOutcome(format, 0, false, Completed: false);
        try
        {
            outcome = await TableExport.WriteAsync(format, response.Body, sheetName, columns, rows,
                context.HttpContext.RequestAborted);
        }
        finally
        {
            await written(outcome);
        }
    }
}

/// <summary>The details of an export's audit entry: format, rows, whether capped, and the filter without any PII.</summary>
public static class ExportAudit
{
    public static string Details(ExportOutcome outcome, string filter) =>
        $"format={TableExport.Extension(outcome.Format)}; rows={outcome.Rows}; capped={(outcome.Capped ? "yes" : "no")}"
        + (outcome.Completed ? string.Empty : "; completed=no") + (filter.Length > 0 ? "; " + filter : string.Empty);
}
