using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class TypeLeadHistoryColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "amount",
                table: "lead_events",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "field",
                table: "lead_events",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "follow_up_result",
                table: "lead_events",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "from_grade",
                table: "lead_events",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "from_owner_id",
                table: "lead_events",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "from_status",
                table: "lead_events",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "from_text",
                table: "lead_events",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "order_id",
                table: "lead_events",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "plan_date",
                table: "lead_events",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "to_grade",
                table: "lead_events",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "to_owner_id",
                table: "lead_events",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "to_status",
                table: "lead_events",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "to_text",
                table: "lead_events",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "vin",
                table: "lead_events",
                type: "character varying(17)",
                maxLength: 17,
                nullable: true);

            // Existing lines: the text they kept is read once, here, into the typed columns. Enum values are written
            // out as they were when this migration was made, not taken from the code, which may change later.
            migrationBuilder.Sql(UpSql);

            // The text columns go: every value they held now has a typed home (or, for the intended model, the
            // field change columns), and leaving them would invite parsing them again.
            migrationBuilder.DropColumn(
                name: "from",
                table: "lead_events");

            migrationBuilder.DropColumn(
                name: "to",
                table: "lead_events");

            migrationBuilder.CreateIndex(
                name: "ix_lead_events_from_owner_id",
                table: "lead_events",
                column: "from_owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_lead_events_order_id",
                table: "lead_events",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_lead_events_to_owner_id",
                table: "lead_events",
                column: "to_owner_id");

            migrationBuilder.AddForeignKey(
                name: "fk_lead_events_asp_net_users_from_owner_id",
                table: "lead_events",
                column: "from_owner_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_lead_events_asp_net_users_to_owner_id",
                table: "lead_events",
                column: "to_owner_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_lead_events_orders_order_id",
                table: "lead_events",
                column: "order_id",
                principalTable: "orders",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "from",
                table: "lead_events",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "to",
                table: "lead_events",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.Sql(DownSql);

            migrationBuilder.DropForeignKey(
                name: "fk_lead_events_asp_net_users_from_owner_id",
                table: "lead_events");

            migrationBuilder.DropForeignKey(
                name: "fk_lead_events_asp_net_users_to_owner_id",
                table: "lead_events");

            migrationBuilder.DropForeignKey(
                name: "fk_lead_events_orders_order_id",
                table: "lead_events");

            migrationBuilder.DropIndex(
                name: "ix_lead_events_from_owner_id",
                table: "lead_events");

            migrationBuilder.DropIndex(
                name: "ix_lead_events_order_id",
                table: "lead_events");

            migrationBuilder.DropIndex(
                name: "ix_lead_events_to_owner_id",
                table: "lead_events");

            migrationBuilder.DropColumn(
                name: "amount",
                table: "lead_events");

            migrationBuilder.DropColumn(
                name: "field",
                table: "lead_events");

            migrationBuilder.DropColumn(
                name: "follow_up_result",
                table: "lead_events");

            migrationBuilder.DropColumn(
                name: "from_grade",
                table: "lead_events");

            migrationBuilder.DropColumn(
                name: "from_owner_id",
                table: "lead_events");

            migrationBuilder.DropColumn(
                name: "from_status",
                table: "lead_events");

            migrationBuilder.DropColumn(
                name: "from_text",
                table: "lead_events");

            migrationBuilder.DropColumn(
                name: "order_id",
                table: "lead_events");

            migrationBuilder.DropColumn(
                name: "plan_date",
                table: "lead_events");

            migrationBuilder.DropColumn(
                name: "to_grade",
                table: "lead_events");

            migrationBuilder.DropColumn(
                name: "to_owner_id",
                table: "lead_events");

            migrationBuilder.DropColumn(
                name: "to_status",
                table: "lead_events");

            migrationBuilder.DropColumn(
                name: "to_text",
                table: "lead_events");

            migrationBuilder.DropColumn(
                name: "vin",
                table: "lead_events");
        }

        // Kinds: 0 Created, 1 GradeChanged, 2 InterestUpdated, 3 NeedsUpdated, 4 PlanScheduled, 5 OwnerChanged,
        // 6 StatusChanged, 7 DuplicateClaimRequested, 8 FollowUpRecorded, 9 OrderPlaced, 10 OrderCancelled,
        // 11 Rescued, 12 Delivered (new). Grades O0 H1 A2 B3 C4. Statuses Active0 Ordered1 Won2 DefeatPending3
        // Defeated4 Dormant5 Invalid6. Order statuses Open0 Delivered1 Cancelled2.
        private const string GradeFrom = """
            CASE "from" WHEN 'O' THEN 0 WHEN 'H' THEN 1 WHEN 'A' THEN 2 WHEN 'B' THEN 3 WHEN 'C' THEN 4 END
            """;

        private const string StatusFrom = """
            CASE "from" WHEN 'Active' THEN 0 WHEN 'Ordered' THEN 1 WHEN 'Won' THEN 2 WHEN 'DefeatPending' THEN 3
                        WHEN 'Defeated' THEN 4 WHEN 'Dormant' THEN 5 WHEN 'Invalid' THEN 6 END
            """;

        private const string UpSql = $$"""
            -- Grades (creation: the grade given; changes: from and to).
            UPDATE lead_events SET from_grade = {{GradeFrom}}, to_grade = {{GradeTo}}
            WHERE kind IN (0, 1);

            -- Creation: the consultant who made the card is its first owner; a card starts Active.
            UPDATE lead_events SET to_owner_id = actor_id, to_status = 0 WHERE kind = 0;

            UPDATE lead_events SET from_status = {{StatusFrom}}, to_status = {{StatusTo}}
            WHERE kind = 6;

            -- Owner changes kept user ids as text; only ids of existing users are kept.
            UPDATE lead_events e
            SET from_owner_id = (SELECT u.id FROM users u WHERE e."from" ~ '^[0-9]{1,18}$' AND u.id = e."from"::bigint),
                to_owner_id = (SELECT u.id FROM users u WHERE e."to" ~ '^[0-9]{1,18}$' AND u.id = e."to"::bigint)
            WHERE e.kind = 5;

            UPDATE lead_events SET plan_date = "to"::date
            WHERE kind = 4 AND "to" ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

            UPDATE lead_events SET follow_up_result = CASE "to"
                WHEN 'Reached' THEN 0 WHEN 'NoAnswer' THEN 1 WHEN 'WrongNumber' THEN 2 WHEN 'Invited' THEN 3
                WHEN 'VisitedStore' THEN 4 WHEN 'TestDriveDone' THEN 5 WHEN 'Quoted' THEN 6 WHEN 'Ordered' THEN 7
                WHEN 'Declined' THEN 8 END
            WHERE kind = 8;

            -- Orders placed kept the deposit; the order itself was written at the same instant.
            UPDATE lead_events SET amount = "to"::numeric(12,2)
            WHERE kind = 9 AND "to" ~ '^[0-9]{1,10}(\.[0-9]{1,2})?$';
            UPDATE lead_events e SET order_id = o.id
            FROM orders o
            WHERE e.kind = 9 AND o.lead_id = e.lead_id AND o.created_at = e.at;

            -- Orders cancelled: the lead's latest cancelled order placed before, with the same reason.
            UPDATE lead_events e SET order_id = (
                SELECT o.id FROM orders o
                WHERE o.lead_id = e.lead_id AND o.status = 2 AND o.created_at <= e.at
                  AND o.cancel_reason IS NOT DISTINCT FROM e.reason
                ORDER BY o.created_at DESC, o.id DESC LIMIT 1)
            WHERE e.kind = 10;

            -- Duplicate claims kept the requester (also the actor); the owner asked against is the owner then.
            UPDATE lead_events SET to_owner_id = actor_id WHERE kind = 7;
            UPDATE lead_events e SET from_owner_id = {{OwnerAtTheTime}}
            WHERE e.kind = 7;

            -- Rescues kept nothing: the owner then (the rescue's own owner change comes at the same instant) and the
            -- date of the plan scheduled with it.
            UPDATE lead_events e SET
                to_owner_id = {{OwnerAtTheTime}},
                plan_date = (SELECT p.plan_date FROM lead_events p
                             WHERE p.lead_id = e.lead_id AND p.kind = 4 AND p.at = e.at
                             ORDER BY p.id DESC LIMIT 1)
            WHERE e.kind = 11;

            -- Interest changes kept the intended model before and after; when it did not change, which field did is
            -- not known and the line stays without details.
            UPDATE lead_events SET field = 'IntendedModel', from_text = "from", to_text = "to"
            WHERE kind = 2 AND "from" IS DISTINCT FROM "to";

            -- Deliveries were only a status change: each gets its line with the VIN and the final price, by whoever
            -- made the lead Won at that instant.
            INSERT INTO lead_events (lead_id, kind, actor_id, at, order_id, vin, amount)
            SELECT d.lead_id, 12, w.actor_id, w.at, d.order_id, v.vin, d.final_price
            FROM deliveries d
            LEFT JOIN vehicles v ON v.id = d.vehicle_id
            JOIN LATERAL (
                SELECT e.actor_id, e.at FROM lead_events e
                WHERE e.lead_id = d.lead_id AND e.kind = 6 AND e.to_status = 2
                ORDER BY abs(extract(epoch FROM e.at - d.created_at)), e.id LIMIT 1) w ON true
            WHERE NOT EXISTS (SELECT 1 FROM lead_events x WHERE x.kind = 12 AND x.order_id = d.order_id);
            """;

        private const string GradeTo = """
            CASE "to" WHEN 'O' THEN 0 WHEN 'H' THEN 1 WHEN 'A' THEN 2 WHEN 'B' THEN 3 WHEN 'C' THEN 4 END
            """;

        private const string StatusTo = """
            CASE "to" WHEN 'Active' THEN 0 WHEN 'Ordered' THEN 1 WHEN 'Won' THEN 2 WHEN 'DefeatPending' THEN 3
                      WHEN 'Defeated' THEN 4 WHEN 'Dormant' THEN 5 WHEN 'Invalid' THEN 6 END
            """;

        /// <summary>The lead's owner at the event: the latest owner change up to then, else the card's creator.</summary>
        private const string OwnerAtTheTime = """
            COALESCE(
                (SELECT o.to_owner_id FROM lead_events o
                 WHERE o.lead_id = e.lead_id AND o.kind = 5 AND o.at <= e.at ORDER BY o.at DESC, o.id DESC LIMIT 1),
                (SELECT c.to_owner_id FROM lead_events c WHERE c.lead_id = e.lead_id AND c.kind = 0 LIMIT 1))
            """;

        /// <summary>Back to text, for what the old columns could hold; delivery lines did not exist then.</summary>
        private const string DownSql = """
            DELETE FROM lead_events WHERE kind = 12;
            UPDATE lead_events SET
                "from" = CASE
                    WHEN kind = 1 THEN (ARRAY['O','H','A','B','C'])[from_grade + 1]
                    WHEN kind = 6 THEN (ARRAY['Active','Ordered','Won','DefeatPending','Defeated','Dormant','Invalid'])[from_status + 1]
                    WHEN kind = 5 THEN from_owner_id::text
                    WHEN kind = 2 AND field = 'IntendedModel' THEN left(from_text, 200)
                END,
                "to" = CASE
                    WHEN kind IN (0, 1) THEN (ARRAY['O','H','A','B','C'])[to_grade + 1]
                    WHEN kind = 6 THEN (ARRAY['Active','Ordered','Won','DefeatPending','Defeated','Dormant','Invalid'])[to_status + 1]
                    WHEN kind = 5 THEN to_owner_id::text
                    WHEN kind = 7 THEN to_owner_id::text
                    WHEN kind = 4 THEN to_char(plan_date, 'YYYY-MM-DD')
                    WHEN kind = 8 THEN (ARRAY['Reached','NoAnswer','WrongNumber','Invited','VisitedStore','TestDriveDone','Quoted','Ordered','Declined'])[follow_up_result + 1]
                    WHEN kind = 9 THEN trim_scale(amount)::text
                    WHEN kind = 2 AND field = 'IntendedModel' THEN left(to_text, 200)
                END;
            """;
    }
}
