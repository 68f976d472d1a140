using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddServiceVisitsAndCallbackWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_callback_tasks_vehicle_id",
                table: "callback_tasks");

            migrationBuilder.AlterColumn<DateOnly>(
                name: "purchase_date",
                table: "vehicles",
                type: "date",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "date");

            migrationBuilder.AddColumn<DateOnly>(
                name: "first_service_date",
                table: "vehicles",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "first_service_mileage",
                table: "vehicles",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "insurance_expiry",
                table: "vehicles",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "insurer",
                table: "vehicles",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "latest_mileage",
                table: "vehicles",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "latest_mileage_date",
                table: "vehicles",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "next_inspection_date",
                table: "vehicles",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "status",
                table: "vehicles",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "closed_at",
                table: "callback_tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "closed_by_id",
                table: "callback_tasks",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "combined_into_task_id",
                table: "callback_tasks",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "comments",
                table: "callback_tasks",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "contact_name",
                table: "callback_tasks",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "contact_number",
                table: "callback_tasks",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "lapse_reason",
                table: "callback_tasks",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "manager_call_agreed_at",
                table: "callback_tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_attempt_at",
                table: "callback_tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "occasion_key",
                table: "callback_tasks",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "overall_satisfaction",
                table: "callback_tasks",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "preferred_time",
                table: "callback_tasks",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "service_visit_id",
                table: "callback_tasks",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "callback_attempts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    task_id = table.Column<long>(type: "bigint", nullable: false),
                    outcome = table.Column<int>(type: "integer", nullable: false),
                    number_dialled = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    by_user_id = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recording_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    recording_seconds = table.Column<int>(type: "integer", nullable: true),
                    call_back_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_callback_attempts", x => x.id);
                    table.ForeignKey(
                        name: "fk_callback_attempts_asp_net_users_by_user_id",
                        column: x => x.by_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_callback_attempts_callback_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "callback_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "callback_questions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    type = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    retired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_callback_questions", x => x.id);
                    table.ForeignKey(
                        name: "fk_callback_questions_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "callback_scripts",
                columns: table => new
                {
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    type = table.Column<int>(type: "integer", nullable: false),
                    greeting_en = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    purpose_en = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    closing_en = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    greeting_zh = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    purpose_zh = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    closing_zh = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_callback_scripts", x => new { x.store_id, x.type });
                    table.ForeignKey(
                        name: "fk_callback_scripts_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "callback_settings",
                columns: table => new
                {
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    call_from = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    call_until = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    contact_gap_days = table.Column<int>(type: "integer", nullable: false),
                    dormant_months = table.Column<int>(type: "integer", nullable: false),
                    next_officer_index = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_callback_settings", x => x.store_id);
                    table.ForeignKey(
                        name: "fk_callback_settings_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_visits",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    order_number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    vehicle_id = table.Column<long>(type: "bigint", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    mileage = table.Column<int>(type: "integer", nullable: false),
                    mileage_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    types = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    advisor_id = table.Column<long>(type: "bigint", nullable: true),
                    advisor_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    brought_by_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    brought_by_mobile = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    accepts_callback = table.Column<bool>(type: "boolean", nullable: false),
                    callback_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    callback_time = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    import_id = table.Column<long>(type: "bigint", nullable: true),
                    wrong_number_reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_visits", x => x.id);
                    table.ForeignKey(
                        name: "fk_service_visits_asp_net_users_advisor_id",
                        column: x => x.advisor_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_visits_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_visits_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_visits_vehicles_vehicle_id",
                        column: x => x.vehicle_id,
                        principalTable: "vehicles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "store_holidays",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_store_holidays", x => x.id);
                    table.ForeignKey(
                        name: "fk_store_holidays_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "vehicle_status_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    vehicle_id = table.Column<long>(type: "bigint", nullable: false),
                    from = table.Column<int>(type: "integer", nullable: false),
                    to = table.Column<int>(type: "integer", nullable: false),
                    by_user_id = table.Column<long>(type: "bigint", nullable: true),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_status_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_vehicle_status_changes_users_by_user_id",
                        column: x => x.by_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_vehicle_status_changes_vehicles_vehicle_id",
                        column: x => x.vehicle_id,
                        principalTable: "vehicles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "callback_question_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    question_id = table.Column<long>(type: "bigint", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    text_en = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    text_zh = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_callback_question_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_callback_question_versions_callback_questions_question_id",
                        column: x => x.question_id,
                        principalTable: "callback_questions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "callback_answers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    task_id = table.Column<long>(type: "bigint", nullable: false),
                    question_version_id = table.Column<long>(type: "bigint", nullable: false),
                    value = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    problem_category = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_callback_answers", x => x.id);
                    table.ForeignKey(
                        name: "fk_callback_answers_callback_question_versions_question_versio",
                        column: x => x.question_version_id,
                        principalTable: "callback_question_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_callback_answers_callback_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "callback_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_vehicles_store_id_delivery_date",
                table: "vehicles",
                columns: new[] { "store_id", "delivery_date" });

            migrationBuilder.CreateIndex(
                name: "ix_callback_tasks_assigned_to_id_status_due_date",
                table: "callback_tasks",
                columns: new[] { "assigned_to_id", "status", "due_date" });

            migrationBuilder.CreateIndex(
                name: "ix_callback_tasks_combined_into_task_id",
                table: "callback_tasks",
                column: "combined_into_task_id");

            migrationBuilder.CreateIndex(
                name: "ix_callback_tasks_service_visit_id",
                table: "callback_tasks",
                column: "service_visit_id");

            migrationBuilder.CreateIndex(
                name: "ix_callback_tasks_vehicle_id_type",
                table: "callback_tasks",
                columns: new[] { "vehicle_id", "type" });

            migrationBuilder.CreateIndex(
                name: "ux_callback_tasks_one_per_occasion",
                table: "callback_tasks",
                columns: new[] { "customer_id", "type", "occasion_key" },
                unique: true,
                filter: "occasion_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_callback_answers_question_version_id",
                table: "callback_answers",
                column: "question_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_callback_answers_task_id_question_version_id",
                table: "callback_answers",
                columns: new[] { "task_id", "question_version_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_callback_attempts_by_user_id",
                table: "callback_attempts",
                column: "by_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_callback_attempts_task_id_at",
                table: "callback_attempts",
                columns: new[] { "task_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_callback_question_versions_question_id_number",
                table: "callback_question_versions",
                columns: new[] { "question_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_callback_questions_store_id_type_position",
                table: "callback_questions",
                columns: new[] { "store_id", "type", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_service_visits_advisor_id",
                table: "service_visits",
                column: "advisor_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_visits_customer_id",
                table: "service_visits",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_visits_store_id_completed_at",
                table: "service_visits",
                columns: new[] { "store_id", "completed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_service_visits_store_id_opened_at",
                table: "service_visits",
                columns: new[] { "store_id", "opened_at" });

            migrationBuilder.CreateIndex(
                name: "ix_service_visits_store_id_order_number",
                table: "service_visits",
                columns: new[] { "store_id", "order_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_visits_vehicle_id_opened_at",
                table: "service_visits",
                columns: new[] { "vehicle_id", "opened_at" });

            migrationBuilder.CreateIndex(
                name: "ix_store_holidays_store_id_date",
                table: "store_holidays",
                columns: new[] { "store_id", "date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_status_changes_by_user_id",
                table: "vehicle_status_changes",
                column: "by_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_status_changes_vehicle_id_at",
                table: "vehicle_status_changes",
                columns: new[] { "vehicle_id", "at" });

            migrationBuilder.AddForeignKey(
                name: "fk_callback_tasks_asp_net_users_assigned_to_id",
                table: "callback_tasks",
                column: "assigned_to_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_callback_tasks_callback_tasks_combined_into_task_id",
                table: "callback_tasks",
                column: "combined_into_task_id",
                principalTable: "callback_tasks",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_callback_tasks_service_visits_service_visit_id",
                table: "callback_tasks",
                column: "service_visit_id",
                principalTable: "service_visits",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_callback_tasks_asp_net_users_assigned_to_id",
                table: "callback_tasks");

            migrationBuilder.DropForeignKey(
                name: "fk_callback_tasks_callback_tasks_combined_into_task_id",
                table: "callback_tasks");

            migrationBuilder.DropForeignKey(
                name: "fk_callback_tasks_service_visits_service_visit_id",
                table: "callback_tasks");

            migrationBuilder.DropTable(
                name: "callback_answers");

            migrationBuilder.DropTable(
                name: "callback_attempts");

            migrationBuilder.DropTable(
                name: "callback_scripts");

            migrationBuilder.DropTable(
                name: "callback_settings");

            migrationBuilder.DropTable(
                name: "service_visits");

            migrationBuilder.DropTable(
                name: "store_holidays");

            migrationBuilder.DropTable(
                name: "vehicle_status_changes");

            migrationBuilder.DropTable(
                name: "callback_question_versions");

            migrationBuilder.DropTable(
                name: "callback_questions");

            migrationBuilder.DropIndex(
                name: "ix_vehicles_store_id_delivery_date",
                table: "vehicles");

            migrationBuilder.DropIndex(
                name: "ix_callback_tasks_assigned_to_id_status_due_date",
                table: "callback_tasks");

            migrationBuilder.DropIndex(
                name: "ix_callback_tasks_combined_into_task_id",
                table: "callback_tasks");

            migrationBuilder.DropIndex(
                name: "ix_callback_tasks_service_visit_id",
                table: "callback_tasks");

            migrationBuilder.DropIndex(
                name: "ix_callback_tasks_vehicle_id_type",
                table: "callback_tasks");

            migrationBuilder.DropIndex(
                name: "ux_callback_tasks_one_per_occasion",
                table: "callback_tasks");

            migrationBuilder.DropColumn(
                name: "first_service_date",
                table: "vehicles");

            migrationBuilder.DropColumn(
                name: "first_service_mileage",
                table: "vehicles");

            migrationBuilder.DropColumn(
                name: "insurance_expiry",
                table: "vehicles");

            migrationBuilder.DropColumn(
                name: "insurer",
                table: "vehicles");

            migrationBuilder.DropColumn(
                name: "latest_mileage",
                table: "vehicles");

            migrationBuilder.DropColumn(
                name: "latest_mileage_date",
                table: "vehicles");

            migrationBuilder.DropColumn(
                name: "next_inspection_date",
                table: "vehicles");

            migrationBuilder.DropColumn(
                name: "status",
                table: "vehicles");

            migrationBuilder.DropColumn(
                name: "closed_at",
                table: "callback_tasks");

            migrationBuilder.DropColumn(
                name: "closed_by_id",
                table: "callback_tasks");

            migrationBuilder.DropColumn(
                name: "combined_into_task_id",
                table: "callback_tasks");

            migrationBuilder.DropColumn(
                name: "comments",
                table: "callback_tasks");

            migrationBuilder.DropColumn(
                name: "contact_name",
                table: "callback_tasks");

            migrationBuilder.DropColumn(
                name: "contact_number",
                table: "callback_tasks");

            migrationBuilder.DropColumn(
                name: "lapse_reason",
                table: "callback_tasks");

            migrationBuilder.DropColumn(
                name: "manager_call_agreed_at",
                table: "callback_tasks");

            migrationBuilder.DropColumn(
                name: "next_attempt_at",
                table: "callback_tasks");

            migrationBuilder.DropColumn(
                name: "occasion_key",
                table: "callback_tasks");

            migrationBuilder.DropColumn(
                name: "overall_satisfaction",
                table: "callback_tasks");

            migrationBuilder.DropColumn(
                name: "preferred_time",
                table: "callback_tasks");

            migrationBuilder.DropColumn(
                name: "service_visit_id",
                table: "callback_tasks");

            migrationBuilder.AlterColumn<DateOnly>(
                name: "purchase_date",
                table: "vehicles",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1),
                oldClrType: typeof(DateOnly),
                oldType: "date",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_callback_tasks_vehicle_id",
                table: "callback_tasks",
                column: "vehicle_id");
        }
    }
}
