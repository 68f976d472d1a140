using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ServiceRemindersAndAlertJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "overdue_flagged_at",
                table: "orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<short>(
                name: "uncontacted_alert_hours",
                table: "leads",
                type: "smallint",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "late_flagged_at",
                table: "incoming_leads",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "booked_for",
                table: "callback_tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "insurance_reminder_days",
                table: "callback_settings",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "replacement_after_km",
                table: "callback_settings",
                type: "integer",
                nullable: false,
                defaultValue: 100000);

            migrationBuilder.AddColumn<int>(
                name: "replacement_after_months",
                table: "callback_settings",
                type: "integer",
                nullable: false,
                defaultValue: 24);

            migrationBuilder.CreateTable(
                name: "replacement_offers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    vehicle_id = table.Column<long>(type: "bigint", nullable: false),
                    offered_on = table.Column<DateOnly>(type: "date", nullable: false),
                    lead_id = table.Column<long>(type: "bigint", nullable: true),
                    incoming_lead_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_replacement_offers", x => x.id);
                    table.ForeignKey(
                        name: "fk_replacement_offers_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_replacement_offers_incoming_leads_incoming_lead_id",
                        column: x => x.incoming_lead_id,
                        principalTable: "incoming_leads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_replacement_offers_leads_lead_id",
                        column: x => x.lead_id,
                        principalTable: "leads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_replacement_offers_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_replacement_offers_vehicles_vehicle_id",
                        column: x => x.vehicle_id,
                        principalTable: "vehicles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_reminders",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    vehicle_id = table.Column<long>(type: "bigint", nullable: false),
                    reason = table.Column<short>(type: "smallint", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    callback_task_id = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_reminders", x => x.id);
                    table.ForeignKey(
                        name: "fk_service_reminders_callback_tasks_callback_task_id",
                        column: x => x.callback_task_id,
                        principalTable: "callback_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_service_reminders_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_service_reminders_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_reminders_vehicles_vehicle_id",
                        column: x => x.vehicle_id,
                        principalTable: "vehicles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_callback_tasks_store_id_booked_for",
                table: "callback_tasks",
                columns: new[] { "store_id", "booked_for" },
                filter: "booked_for IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_replacement_offers_customer_id_offered_on",
                table: "replacement_offers",
                columns: new[] { "customer_id", "offered_on" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_replacement_offers_incoming_lead_id",
                table: "replacement_offers",
                column: "incoming_lead_id",
                filter: "incoming_lead_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_replacement_offers_lead_id",
                table: "replacement_offers",
                column: "lead_id",
                filter: "lead_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_replacement_offers_store_id",
                table: "replacement_offers",
                column: "store_id");

            migrationBuilder.CreateIndex(
                name: "ix_replacement_offers_vehicle_id",
                table: "replacement_offers",
                column: "vehicle_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_reminders_callback_task_id",
                table: "service_reminders",
                column: "callback_task_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_reminders_customer_id_due_date",
                table: "service_reminders",
                columns: new[] { "customer_id", "due_date" });

            migrationBuilder.CreateIndex(
                name: "ix_service_reminders_store_id",
                table: "service_reminders",
                column: "store_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_reminders_vehicle_id_reason_due_date",
                table: "service_reminders",
                columns: new[] { "vehicle_id", "reason", "due_date" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "replacement_offers");

            migrationBuilder.DropTable(
                name: "service_reminders");

            migrationBuilder.DropIndex(
                name: "ix_callback_tasks_store_id_booked_for",
                table: "callback_tasks");

            migrationBuilder.DropColumn(
                name: "overdue_flagged_at",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "uncontacted_alert_hours",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "late_flagged_at",
                table: "incoming_leads");

            migrationBuilder.DropColumn(
                name: "booked_for",
                table: "callback_tasks");

            migrationBuilder.DropColumn(
                name: "insurance_reminder_days",
                table: "callback_settings");

            migrationBuilder.DropColumn(
                name: "replacement_after_km",
                table: "callback_settings");

            migrationBuilder.DropColumn(
                name: "replacement_after_months",
                table: "callback_settings");
        }
    }
}
