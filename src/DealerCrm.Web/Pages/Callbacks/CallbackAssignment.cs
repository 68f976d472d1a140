using DealerCrm.Domain.Callbacks;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Callbacks;

/// <summary>
/// Who gets a new callback task (issue 11): the store's active CRM officers in turn, ordered by id, starting at the
/// store's <see cref="CallbackSettings.NextOfficerIndex"/> (taken modulo the number of officers, so an officer who
/// leaves or joins only shifts the turn); a store without officers leaves the task unassigned, in the store's queue.
/// The delivery page takes one officer with <see cref="NextOfficerAsync"/>; the jobs take a whole batch in their
/// insert statement from the same <see cref="OfficerRoster"/> (officer at position
/// <c>(NextOfficerIndex + n - 1) % count</c> for the n-th new task of the store) and advance the index by the number
/// of tasks they added, in the same statement.
/// </summary>
public static class CallbackAssignment
{
    /// <summary>The active CRM officers of the stores, ordered by id within each store, as arrays for SQL.</summary>
    public static async Task<OfficerRoster> LoadAsync(CrmDbContext db, IReadOnlyCollection<int> storeIds,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = storeIds.ToArray();
        var officers = await db.Database.SqlQuery<OfficerRow>($"""
            SELECT u.store_id, u.id
            FROM users u
            JOIN user_roles ur ON ur.user_id = u.id
            JOIN roles r ON r.id = ur.role_id AND r.name = {Roles.CrmOfficer}
            WHERE u.is_active AND u.store_id = ANY({ids})
            ORDER BY u.store_id, u.id
            """).ToListAsync(cancellationToken);
        var positions = officers.GroupBy(o => o.StoreId)
            .SelectMany(g => g.Select((o, i) => (o.StoreId, o.Id, Position: i))).ToList();
        return new OfficerRoster(positions.Select(p => p.StoreId).ToArray(), positions.Select(p => p.Id).ToArray(),
            positions.Select(p => p.Position).ToArray());
    }

    /// <summary>Gives every store its settings row (the domain's defaults) if it has none yet, so the turn can be
    /// kept; a store's Admin changes the values later.</summary>
    public static async Task EnsureSettingsAsync(CrmDbContext db, IReadOnlyCollection<int> storeIds,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var defaults = storeIds.Select(id => new CallbackSettings(id)).ToList();
        var ids = defaults.Select(s => s.StoreId).ToArray();
        var from = defaults.Select(s => s.CallFrom).ToArray();
        var until = defaults.Select(s => s.CallUntil).ToArray();
        var gap = defaults.Select(s => s.ContactGapDays).ToArray();
        var dormant = defaults.Select(s => s.DormantMonths).ToArray();
        var next = defaults.Select(s => s.NextOfficerIndex).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO callback_settings (store_id, call_from, call_until, contact_gap_days, dormant_months, next_officer_index)
            SELECT * FROM unnest({ids}::integer[], {from}::time[], {until}::time[], {gap}::integer[], {dormant}::integer[], {next}::integer[])
            ON CONFLICT (store_id) DO NOTHING
            """, cancellationToken);
    }

    /// <summary>The officer for one new task of the store (the delivery's new-car callback), advancing the turn in the
    /// database (one row update, so two deliveries at once get different officers); null when the store has none.
    /// Call it inside the transaction that adds the task.</summary>
    public static async Task<long?> NextOfficerAsync(CrmDbContext db, int storeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var roster = await LoadAsync(db, [storeId], cancellationToken);
        var count = roster.OfficerIds.Length;
        if (count == 0)
        {
            return null;
        }

        await EnsureSettingsAsync(db, [storeId], cancellationToken);
        var taken = await db.Database.SqlQuery<int>($"""
            UPDATE callback_settings SET next_officer_index = (next_officer_index % {count} + 1) % {count}
            WHERE store_id = {storeId}
            RETURNING (next_officer_index + {count} - 1) % {count} AS "Value"
            """).ToListAsync(cancellationToken);
        return roster.OfficerIds[taken.Single()];
    }

    private sealed record OfficerRow(int StoreId, long Id);
}

/// <summary>The stores' officers as parallel arrays (store, officer id, 0-based position within the store).</summary>
#pragma warning disable CA1819 // arrays are what Npgsql binds to SQL arrays
public sealed record OfficerRoster(int[] StoreIds, long[] OfficerIds, int[] Positions);
#pragma warning restore CA1819
