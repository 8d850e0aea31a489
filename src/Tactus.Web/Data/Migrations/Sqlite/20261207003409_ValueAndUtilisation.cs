using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ValueAndUtilisation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "ChargeTotal",
                table: "VisitCodings",
                type: "TEXT",
                precision: 12,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReferredOn",
                table: "Referrals",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            // Both were only derivable before: the charge total inside the Lines JSON, the referral's day from its instant.
            migrationBuilder.Sql("""
                UPDATE "VisitCodings" SET "ChargeTotal" = (SELECT printf('%.2f', COALESCE(SUM(json_extract(value, '$.charge')), 0)) FROM json_each("VisitCodings"."Lines"));
                """);
            migrationBuilder.Sql("""
                UPDATE "Referrals" SET "ReferredOn" = date(("CreatedAt" - 621355968000000000) / 10000000, 'unixepoch');
                """);

            migrationBuilder.CreateTable(
                name: "OpioidStatements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Opioid = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Strength = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: false),
                    DosesPerDay = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    MmePerDay = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    TakenFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TakenUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecordedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpioidStatements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpioidStatements_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeCostSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CostPerVisit = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    StaffMinutesPerVisit = table.Column<int>(type: "INTEGER", nullable: false),
                    StaffCostPerHour = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    OverheadPercent = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    UtilisationWindowDays = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeCostSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UtilisationEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Cost = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RecordedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UtilisationEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UtilisationEvents_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UtilisationPrices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UtilisationPrices", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OpioidStatements_PatientId_TakenFrom",
                table: "OpioidStatements",
                columns: new[] { "PatientId", "TakenFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeCostSettings_OrganizationId",
                table: "ProgrammeCostSettings",
                column: "OrganizationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UtilisationEvents_PatientId_OccurredOn",
                table: "UtilisationEvents",
                columns: new[] { "PatientId", "OccurredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_UtilisationPrices_OrganizationId_Kind",
                table: "UtilisationPrices",
                columns: new[] { "OrganizationId", "Kind" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OpioidStatements");

            migrationBuilder.DropTable(
                name: "ProgrammeCostSettings");

            migrationBuilder.DropTable(
                name: "UtilisationEvents");

            migrationBuilder.DropTable(
                name: "UtilisationPrices");

            migrationBuilder.DropColumn(
                name: "ChargeTotal",
                table: "VisitCodings");

            migrationBuilder.DropColumn(
                name: "ReferredOn",
                table: "Referrals");
        }
    }
}
