using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddComplaintsActionsAndCallbackReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "complaint_id",
                table: "callback_tasks",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "callback_report_submissions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    analysis = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    figures = table.Column<string>(type: "jsonb", nullable: false),
                    submitted_by_id = table.Column<long>(type: "bigint", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_callback_report_submissions", x => x.id);
                    table.ForeignKey(
                        name: "fk_callback_report_submissions_asp_net_users_submitted_by_id",
                        column: x => x.submitted_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_callback_report_submissions_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "complaint_categories",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name_en = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    name_zh = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_complaint_categories", x => x.id);
                    table.ForeignKey(
                        name: "fk_complaint_categories_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "complaints",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    source = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    vehicle_id = table.Column<long>(type: "bigint", nullable: true),
                    callback_task_id = table.Column<long>(type: "bigint", nullable: true),
                    service_visit_id = table.Column<long>(type: "bigint", nullable: true),
                    delivery_id = table.Column<long>(type: "bigint", nullable: true),
                    department = table.Column<int>(type: "integer", nullable: false),
                    responsible_user_id = table.Column<long>(type: "bigint", nullable: true),
                    category_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    manufacturer_case_number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    complaint_received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    manager_call_agreed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolution = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reopen_count = table.Column<int>(type: "integer", nullable: false),
                    created_by_id = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_complaints", x => x.id);
                    table.ForeignKey(
                        name: "fk_complaints_asp_net_users_created_by_id",
                        column: x => x.created_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_complaints_asp_net_users_responsible_user_id",
                        column: x => x.responsible_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_complaints_callback_tasks_callback_task_id",
                        column: x => x.callback_task_id,
                        principalTable: "callback_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_complaints_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_complaints_deliveries_delivery_id",
                        column: x => x.delivery_id,
                        principalTable: "deliveries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_complaints_service_visits_service_visit_id",
                        column: x => x.service_visit_id,
                        principalTable: "service_visits",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_complaints_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_complaints_vehicles_vehicle_id",
                        column: x => x.vehicle_id,
                        principalTable: "vehicles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "complaint_steps",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    complaint_id = table.Column<long>(type: "bigint", nullable: false),
                    type = table.Column<int>(type: "integer", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    deadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_by_id = table.Column<long>(type: "bigint", nullable: true),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    superseded = table.Column<bool>(type: "boolean", nullable: false),
                    breach_notified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_complaint_steps", x => x.id);
                    table.ForeignKey(
                        name: "fk_complaint_steps_asp_net_users_done_by_id",
                        column: x => x.done_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_complaint_steps_complaints_complaint_id",
                        column: x => x.complaint_id,
                        principalTable: "complaints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "corrective_actions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    complaint_id = table.Column<long>(type: "bigint", nullable: true),
                    problem_category_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    problem = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    responsible_user_id = table.Column<long>(type: "bigint", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    what_was_done = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    opened_by_id = table.Column<long>(type: "bigint", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_corrective_actions", x => x.id);
                    table.ForeignKey(
                        name: "fk_corrective_actions_asp_net_users_opened_by_id",
                        column: x => x.opened_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_corrective_actions_asp_net_users_responsible_user_id",
                        column: x => x.responsible_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_corrective_actions_complaints_complaint_id",
                        column: x => x.complaint_id,
                        principalTable: "complaints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_corrective_actions_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "action_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    action_id = table.Column<long>(type: "bigint", nullable: false),
                    from = table.Column<int>(type: "integer", nullable: true),
                    to = table.Column<int>(type: "integer", nullable: false),
                    by_user_id = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_action_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_action_events_asp_net_users_by_user_id",
                        column: x => x.by_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_action_events_corrective_actions_action_id",
                        column: x => x.action_id,
                        principalTable: "corrective_actions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "action_participants",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    action_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_action_participants", x => x.id);
                    table.ForeignKey(
                        name: "fk_action_participants_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_action_participants_corrective_actions_action_id",
                        column: x => x.action_id,
                        principalTable: "corrective_actions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_callback_tasks_complaint_id",
                table: "callback_tasks",
                column: "complaint_id",
                filter: "complaint_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_action_events_action_id_at",
                table: "action_events",
                columns: new[] { "action_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_action_events_by_user_id",
                table: "action_events",
                column: "by_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_action_participants_action_id_user_id",
                table: "action_participants",
                columns: new[] { "action_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_action_participants_user_id",
                table: "action_participants",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_callback_report_submissions_store_id_year_month",
                table: "callback_report_submissions",
                columns: new[] { "store_id", "year", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_callback_report_submissions_submitted_by_id",
                table: "callback_report_submissions",
                column: "submitted_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_complaint_categories_store_id_code",
                table: "complaint_categories",
                columns: new[] { "store_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_complaint_steps_complaint_id_position",
                table: "complaint_steps",
                columns: new[] { "complaint_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_complaint_steps_deadline",
                table: "complaint_steps",
                column: "deadline",
                filter: "deadline IS NOT NULL AND NOT superseded");

            migrationBuilder.CreateIndex(
                name: "ix_complaint_steps_done_by_id",
                table: "complaint_steps",
                column: "done_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_callback_task_id",
                table: "complaints",
                column: "callback_task_id",
                unique: true,
                filter: "callback_task_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_created_by_id",
                table: "complaints",
                column: "created_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_customer_id",
                table: "complaints",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_delivery_id",
                table: "complaints",
                column: "delivery_id");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_responsible_user_id",
                table: "complaints",
                column: "responsible_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_service_visit_id",
                table: "complaints",
                column: "service_visit_id");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_store_id_complaint_received_at",
                table: "complaints",
                columns: new[] { "store_id", "complaint_received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_store_id_status_received_at",
                table: "complaints",
                columns: new[] { "store_id", "status", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_vehicle_id",
                table: "complaints",
                column: "vehicle_id");

            migrationBuilder.CreateIndex(
                name: "ix_corrective_actions_complaint_id",
                table: "corrective_actions",
                column: "complaint_id");

            migrationBuilder.CreateIndex(
                name: "ix_corrective_actions_opened_by_id",
                table: "corrective_actions",
                column: "opened_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_corrective_actions_responsible_user_id",
                table: "corrective_actions",
                column: "responsible_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_corrective_actions_store_id_opened_at",
                table: "corrective_actions",
                columns: new[] { "store_id", "opened_at" });

            migrationBuilder.CreateIndex(
                name: "ix_corrective_actions_store_id_status_due_date",
                table: "corrective_actions",
                columns: new[] { "store_id", "status", "due_date" });

            migrationBuilder.AddForeignKey(
                name: "fk_callback_tasks_complaints_complaint_id",
                table: "callback_tasks",
                column: "complaint_id",
                principalTable: "complaints",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_callback_tasks_complaints_complaint_id",
                table: "callback_tasks");

            migrationBuilder.DropTable(
                name: "action_events");

            migrationBuilder.DropTable(
                name: "action_participants");

            migrationBuilder.DropTable(
                name: "callback_report_submissions");

            migrationBuilder.DropTable(
                name: "complaint_categories");

            migrationBuilder.DropTable(
                name: "complaint_steps");

            migrationBuilder.DropTable(
                name: "corrective_actions");

            migrationBuilder.DropTable(
                name: "complaints");

            migrationBuilder.DropIndex(
                name: "ix_callback_tasks_complaint_id",
                table: "callback_tasks");

            migrationBuilder.DropColumn(
                name: "complaint_id",
                table: "callback_tasks");
        }
    }
}
