using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddShowroomCustomersAndLeads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "customers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    gender = table.Column<int>(type: "integer", nullable: false),
                    mobile = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    home_phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    office_phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    id_number_protected = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    id_number_masked = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    occupation = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    industry = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    employer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    birthday = table.Column<DateOnly>(type: "date", nullable: true),
                    home_address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    home_postcode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    work_address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    work_postcode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    region = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    is_vip = table.Column<bool>(type: "boolean", nullable: false),
                    is_key_account = table.Column<bool>(type: "boolean", nullable: false),
                    is_blacklisted = table.Column<bool>(type: "boolean", nullable: false),
                    blacklist_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    marketing_consent = table.Column<bool>(type: "boolean", nullable: false),
                    marketing_consent_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    callback_consent = table.Column<bool>(type: "boolean", nullable: false),
                    callback_consent_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    preferred_contact_time = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    preferred_contact_number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    cumulative_spend = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customers", x => x.id);
                    table.ForeignKey(
                        name: "fk_customers_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "grade_policies",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    h_window_days = table.Column<int>(type: "integer", nullable: false),
                    h_interval_days = table.Column<int>(type: "integer", nullable: false),
                    a_window_days = table.Column<int>(type: "integer", nullable: false),
                    a_interval_days = table.Column<int>(type: "integer", nullable: false),
                    b_window_days = table.Column<int>(type: "integer", nullable: false),
                    b_interval_days = table.Column<int>(type: "integer", nullable: false),
                    c_interval_days = table.Column<int>(type: "integer", nullable: false),
                    o_interval_days = table.Column<int>(type: "integer", nullable: false),
                    deposit_threshold = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_grade_policies", x => x.id);
                    table.ForeignKey(
                        name: "fk_grade_policies_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "traffic_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    arrived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    left_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    business_date = table.Column<DateOnly>(type: "date", nullable: false),
                    visitor_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    mobile = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    region = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    purpose = table.Column<int>(type: "integer", nullable: true),
                    party_size = table.Column<int>(type: "integer", nullable: true),
                    receptionist_id = table.Column<long>(type: "bigint", nullable: false),
                    first_impression = table.Column<int>(type: "integer", nullable: true),
                    consultant_id = table.Column<long>(type: "bigint", nullable: true),
                    notes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    customer_id = table.Column<long>(type: "bigint", nullable: true),
                    is_return_visit = table.Column<bool>(type: "boolean", nullable: false),
                    lead_id = table.Column<long>(type: "bigint", nullable: true),
                    is_voided = table.Column<bool>(type: "boolean", nullable: false),
                    void_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_traffic_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_traffic_entries_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_traffic_entries_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_traffic_entries_users_consultant_id",
                        column: x => x.consultant_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_traffic_entries_users_receptionist_id",
                        column: x => x.receptionist_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "leads",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    owner_id = table.Column<long>(type: "bigint", nullable: false),
                    source = table.Column<int>(type: "integer", nullable: false),
                    traffic_entry_id = table.Column<long>(type: "bigint", nullable: true),
                    grade = table.Column<int>(type: "integer", nullable: false),
                    grade_signs = table.Column<int[]>(type: "integer[]", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    arrived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    first_contact_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    next_follow_up_date = table.Column<DateOnly>(type: "date", nullable: true),
                    last_follow_up_date = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    interest_budget = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    interest_colour = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    interest_competitor_models = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    interest_configuration = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    interest_expected_purchase_date = table.Column<DateOnly>(type: "date", nullable: true),
                    interest_has_trade_in = table.Column<bool>(type: "boolean", nullable: false),
                    interest_intended_model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    interest_intended_use = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    interest_payment_method = table.Column<int>(type: "integer", nullable: false),
                    interest_purchase_type = table.Column<int>(type: "integer", nullable: false),
                    interest_trade_in_car = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    needs_heard_of_us_from = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    needs_how_much = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    needs_how_to_pay = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    needs_other_needs = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    needs_what = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    needs_when = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    needs_who_buys = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    needs_who_decides = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    needs_who_influences = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    needs_why = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leads", x => x.id);
                    table.ForeignKey(
                        name: "fk_leads_asp_net_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_leads_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_leads_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_leads_traffic_entries_traffic_entry_id",
                        column: x => x.traffic_entry_id,
                        principalTable: "traffic_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "duplicate_claims",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    lead_id = table.Column<long>(type: "bigint", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    owner_id = table.Column<long>(type: "bigint", nullable: false),
                    requested_by_id = table.Column<long>(type: "bigint", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by_id = table.Column<long>(type: "bigint", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_duplicate_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_duplicate_claims_asp_net_users_requested_by_id",
                        column: x => x.requested_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_duplicate_claims_leads_lead_id",
                        column: x => x.lead_id,
                        principalTable: "leads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "follow_up_plans",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    lead_id = table.Column<long>(type: "bigint", nullable: false),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    owner_id = table.Column<long>(type: "bigint", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    due_time = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    method = table.Column<int>(type: "integer", nullable: false),
                    purpose = table.Column<int>(type: "integer", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    late_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    status = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_follow_up_plans", x => x.id);
                    table.ForeignKey(
                        name: "fk_follow_up_plans_asp_net_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_follow_up_plans_leads_lead_id",
                        column: x => x.lead_id,
                        principalTable: "leads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "lead_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    lead_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    actor_id = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    from = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    to = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lead_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_lead_events_leads_lead_id",
                        column: x => x.lead_id,
                        principalTable: "leads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_customers_mobile_trgm",
                table: "customers",
                column: "mobile")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_name_trgm",
                table: "customers",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_store_id_id",
                table: "customers",
                columns: new[] { "store_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ux_customers_store_mobile",
                table: "customers",
                columns: new[] { "store_id", "mobile" },
                unique: true,
                filter: "mobile IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_duplicate_claims_requested_by_id",
                table: "duplicate_claims",
                column: "requested_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_duplicate_claims_store_id_status_created_at",
                table: "duplicate_claims",
                columns: new[] { "store_id", "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ux_duplicate_claims_pending",
                table: "duplicate_claims",
                columns: new[] { "lead_id", "requested_by_id" },
                unique: true,
                filter: "status = 0");

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_plans_open_by_owner_due",
                table: "follow_up_plans",
                columns: new[] { "store_id", "owner_id", "due_date" },
                filter: "status = 0");

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_plans_owner_id",
                table: "follow_up_plans",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ux_follow_up_plans_one_open_per_lead",
                table: "follow_up_plans",
                column: "lead_id",
                unique: true,
                filter: "status = 0");

            migrationBuilder.CreateIndex(
                name: "ix_grade_policies_store_id",
                table: "grade_policies",
                column: "store_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_lead_events_lead_id_at",
                table: "lead_events",
                columns: new[] { "lead_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_owner_id",
                table: "leads",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_leads_store_id_owner_id_status_id",
                table: "leads",
                columns: new[] { "store_id", "owner_id", "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_store_id_status_id",
                table: "leads",
                columns: new[] { "store_id", "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_traffic_entry_id",
                table: "leads",
                column: "traffic_entry_id");

            migrationBuilder.CreateIndex(
                name: "ux_leads_one_open_per_customer",
                table: "leads",
                column: "customer_id",
                unique: true,
                filter: "status IN (0, 1, 3)");

            migrationBuilder.CreateIndex(
                name: "ix_traffic_entries_consultant_id",
                table: "traffic_entries",
                column: "consultant_id");

            migrationBuilder.CreateIndex(
                name: "ix_traffic_entries_customer_id",
                table: "traffic_entries",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_traffic_entries_lead_id",
                table: "traffic_entries",
                column: "lead_id");

            migrationBuilder.CreateIndex(
                name: "ix_traffic_entries_receptionist_id",
                table: "traffic_entries",
                column: "receptionist_id");

            migrationBuilder.CreateIndex(
                name: "ix_traffic_entries_store_id_business_date_arrived_at",
                table: "traffic_entries",
                columns: new[] { "store_id", "business_date", "arrived_at" });

            migrationBuilder.CreateIndex(
                name: "ix_traffic_entries_store_id_consultant_id_business_date",
                table: "traffic_entries",
                columns: new[] { "store_id", "consultant_id", "business_date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "duplicate_claims");

            migrationBuilder.DropTable(
                name: "follow_up_plans");

            migrationBuilder.DropTable(
                name: "grade_policies");

            migrationBuilder.DropTable(
                name: "lead_events");

            migrationBuilder.DropTable(
                name: "leads");

            migrationBuilder.DropTable(
                name: "traffic_entries");

            migrationBuilder.DropTable(
                name: "customers");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
