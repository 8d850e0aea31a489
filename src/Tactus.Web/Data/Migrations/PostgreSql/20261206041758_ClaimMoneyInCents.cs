using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ClaimMoneyInCents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_VisitCodings_OrganizationId_Status",
                table: "VisitCodings");

            migrationBuilder.AddColumn<int>(
                name: "BillableUnits",
                table: "VisitCodings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "AdjustedCents",
                table: "Claims",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "OutstandingCents",
                table: "Claims",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "PaidCents",
                table: "Claims",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "PatientResponsibilityCents",
                table: "Claims",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "TotalChargeCents",
                table: "Claims",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Amounts move to whole cents (the same representation on both stores); what the payer adjusted away (CAS
            // groups other than PR) and the outstanding balance are worked out from each claim's posted lines.
            migrationBuilder.Sql("""
                UPDATE "Claims" SET "TotalChargeCents" = ROUND("TotalCharge" * 100)::bigint,
                    "PaidCents" = ROUND("Paid" * 100)::bigint,
                    "PatientResponsibilityCents" = ROUND("PatientResponsibility" * 100)::bigint;
                UPDATE "Claims" SET "AdjustedCents" = COALESCE((SELECT SUM(ROUND((a ->> 'amount')::numeric * 100)::bigint)
                    FROM jsonb_array_elements("Claims"."Lines"::jsonb) AS l, jsonb_array_elements(l -> 'adjustments') AS a WHERE a ->> 'group' <> 'PR'), 0);
                UPDATE "Claims" SET "OutstandingCents" = "TotalChargeCents" - "PaidCents" - "PatientResponsibilityCents" - "AdjustedCents";
                UPDATE "VisitCodings" SET "BillableUnits" = COALESCE((SELECT SUM((l ->> 'units')::int) FROM jsonb_array_elements("VisitCodings"."Lines"::jsonb) AS l), 0);
                """);

            migrationBuilder.DropColumn(
                name: "Paid",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "PatientResponsibility",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "TotalCharge",
                table: "Claims");

            migrationBuilder.CreateIndex(
                name: "IX_VisitCodings_OrganizationId_Status_ServiceDate",
                table: "VisitCodings",
                columns: new[] { "OrganizationId", "Status", "ServiceDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Claims_OrganizationId_SubmittedAt",
                table: "Claims",
                columns: new[] { "OrganizationId", "SubmittedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_VisitCodings_OrganizationId_Status_ServiceDate",
                table: "VisitCodings");

            migrationBuilder.DropIndex(
                name: "IX_Claims_OrganizationId_SubmittedAt",
                table: "Claims");

            migrationBuilder.AddColumn<decimal>(
                name: "Paid",
                table: "Claims",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "PatientResponsibility",
                table: "Claims",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "TotalCharge",
                table: "Claims",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.CreateIndex(
                name: "IX_VisitCodings_OrganizationId_Status",
                table: "VisitCodings",
                columns: new[] { "OrganizationId", "Status" });

            migrationBuilder.Sql("""UPDATE "Claims" SET "TotalCharge" = "TotalChargeCents" / 100.0, "Paid" = "PaidCents" / 100.0, "PatientResponsibility" = "PatientResponsibilityCents" / 100.0;""");

            migrationBuilder.DropColumn(
                name: "BillableUnits",
                table: "VisitCodings");

            migrationBuilder.DropColumn(
                name: "AdjustedCents",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "OutstandingCents",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "PaidCents",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "PatientResponsibilityCents",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "TotalChargeCents",
                table: "Claims");
        }
    }
}
