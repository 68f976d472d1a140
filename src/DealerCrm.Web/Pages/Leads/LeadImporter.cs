using System.Globalization;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Import;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using NpgsqlTypes;

namespace DealerCrm.Web.Pages.Leads;

/// <summary>
/// CSV import of unassigned leads (spec 3.1, 7.1) — the lead kind of <see cref="CsvImportPipeline"/>: its columns,
/// its row check (the entity's own) and its merge. The merge skips enquiries already stored (same store, source,
/// mobile and arrival time), so importing the same file twice adds nothing — also when two imports run at once,
/// since the unique index decides.
/// </summary>
public sealed class LeadImporter(CsvImportPipeline pipeline, IStringLocalizer<SharedResource> localizer)
    : ICsvImportKind<LeadImporter.Row>, IImportReader
{
    /// <summary>About 20,000 rows: read within the request, well under a second.</summary>
    public const int InlineMaxBytes = CsvImportPipeline.InlineMaxBytes;

    /// <summary>About 200,000 rows; larger files are split by the manager.</summary>
    public const int MaxFileBytes = CsvImportPipeline.MaxFileBytes;

    private const string Name = "Name";
    private const string Mobile = "Mobile";
    private const string Model = "IntendedModel";
    private const string Source = "Source";
    private const string Arrived = "ArrivedAt";

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = Name, ["customer"] = Name, ["姓名"] = Name, ["客户姓名"] = Name, ["客户名称"] = Name, ["客户"] = Name,
        ["mobile"] = Mobile, ["phone"] = Mobile, ["mobilenumber"] = Mobile, ["手机"] = Mobile, ["手机号"] = Mobile,
        ["手机号码"] = Mobile, ["电话"] = Mobile, ["联系电话"] = Mobile,
        ["model"] = Model, ["intendedmodel"] = Model, ["车型"] = Model, ["意向车型"] = Model,
        ["source"] = Source, ["channel"] = Source, ["来源"] = Source, ["线索来源"] = Source, ["渠道"] = Source,
        ["arrivedat"] = Arrived, ["arrival"] = Arrived, ["arrivaltime"] = Arrived, ["arrived"] = Arrived,
        ["time"] = Arrived, ["到达时间"] = Arrived, ["线索时间"] = Arrived, ["时间"] = Arrived, ["留资时间"] = Arrived,
    };

    public ImportKind Kind => ImportKind.Leads;

    public IReadOnlyDictionary<string, string> Columns => Aliases;

    public IReadOnlyList<string> RequiredColumns { get; } = [Name, Mobile, Source, Arrived];

    public string AuditAction => AuditActions.LeadsImported;

    /// <summary>Records the upload and reads it, at once or in the background (<see cref="CsvImportPipeline"/>).</summary>
    public Task<LeadImport> ImportAsync(Store store, long managerId, string fileName, byte[] content,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return pipeline.StartAsync(this, store.Id, managerId, fileName, content, cancellationToken);
    }

    public Task ReadAsync(long importId, CancellationToken cancellationToken = default) =>
        pipeline.ReadAsync(this, importId, cancellationToken);

    public async Task<ICsvImportFile<Row>> OpenAsync(ImportContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using (var create = new NpgsqlCommand("""
            CREATE TEMP TABLE incoming_import (line int, name text, mobile text, model text, source int, arrived_at timestamptz)
            ON COMMIT DROP
            """, context.Connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new File(context, SourceNames());
    }

    /// <summary>A source may be written as its code (DealerWebsite) or its name in either language.</summary>
    private Dictionary<string, SourceChannel> SourceNames()
    {
        var names = new Dictionary<string, SourceChannel>(StringComparer.OrdinalIgnoreCase);
        var ui = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var culture in CrmLocalization.SupportedCultures)
            {
                CultureInfo.CurrentUICulture = culture;
                foreach (var source in IncomingLead.Sources)
                {
                    names.TryAdd(CsvImportPipeline.Squash(source.ToString()), source);
                    names.TryAdd(CsvImportPipeline.Squash(localizer.Text(source)), source);
                }
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }

        // The short words that the page's help and its refusal message tell the manager to write.
        names.TryAdd("website", SourceChannel.DealerWebsite);
        names.TryAdd("manufacturer", SourceChannel.ManufacturerAssigned);
        return names;
    }

    public sealed record Row(string Name, string Mobile, string? Model, SourceChannel Source, DateTimeOffset ArrivedAt);

    private sealed class File(ImportContext context, Dictionary<string, SourceChannel> sources) : ICsvImportFile<Row>
    {
        public string CopyCommand =>
            "COPY incoming_import (line, name, mobile, model, source, arrived_at) FROM STDIN (FORMAT BINARY)";

        public Row? Check(ImportRow row)
        {
            var sourceText = row.Raw(Source)?.Trim() ?? string.Empty;
            if (!sources.TryGetValue(CsvImportPipeline.Squash(sourceText), out var source))
            {
                row.Refuse(Source, sourceText.Length == 0 ? "Import.SourceRequired" : "Import.SourceUnknown");
                return null;
            }

            var arrivedText = row.Raw(Arrived)?.Trim() ?? string.Empty;
            if (!ImportValues.TryParseTime(arrivedText, context.TimeZone, out var arrivedAt))
            {
                row.Refuse(Arrived, arrivedText.Length == 0 ? "Import.ArrivalRequired" : "Import.ArrivalInvalid");
                return null;
            }

            try
            {
                // The entity's own checks: name, mobile (normalized), model, source, arrival not in the future.
                var lead = new IncomingLead(context.Store.Id, row.Raw(Name), row.Raw(Mobile), row.Raw(Model), source,
                    arrivedAt, null, context.Now);
                return new Row(lead.Name, lead.Mobile, lead.IntendedModel, source, lead.ArrivedAt);
            }
            catch (DomainException ex)
            {
                row.Refuse(ex);
                return null;
            }
        }

        public void Write(NpgsqlBinaryImporter copy, int line, Row row)
        {
            copy.StartRow();
            copy.Write(line, NpgsqlDbType.Integer);
            copy.Write(row.Name, NpgsqlDbType.Text);
            copy.Write(row.Mobile, NpgsqlDbType.Text);
            if (row.Model is null)
            {
                copy.WriteNull();
            }
            else
            {
                copy.Write(row.Model, NpgsqlDbType.Text);
            }

            copy.Write((int)row.Source, NpgsqlDbType.Integer);
            copy.Write(row.ArrivedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
        }

        public async Task<MergeResult> MergeAsync(CancellationToken cancellationToken)
        {
            // One statement: every enquiry the store does not have yet. A row repeated in the file conflicts with its
            // first occurrence (rows go in file order) and is skipped like one already stored.
            var added = await context.Db.Database.ExecuteSqlAsync($"""
                INSERT INTO incoming_leads (store_id, name, mobile, intended_model, source, arrived_at, import_batch_id, status, created_at)
                SELECT {context.Store.Id}, name, mobile, model, source, arrived_at, {context.Import.Id}, {(int)IncomingLeadStatus.Waiting}, {context.Now}
                FROM incoming_import
                ORDER BY line
                ON CONFLICT (store_id, source, mobile, arrived_at) DO NOTHING
                """, cancellationToken);
            return new MergeResult(added);
        }
    }
}
