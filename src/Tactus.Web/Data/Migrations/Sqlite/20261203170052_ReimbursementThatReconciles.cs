using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReimbursementThatReconciles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RemittanceImports_OrganizationId_Sha256",
                table: "RemittanceImports");

            migrationBuilder.AddColumn<string>(
                name: "PayerIdentifier",
                table: "RemittanceImports",
                type: "TEXT",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TaxonomyCode",
                table: "Practitioners",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RequiresRenderingTaxonomy",
                table: "Payers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "PatientAccounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BalanceCents = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatientAccounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PatientAccounts_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PatientCharges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    ClaimId = table.Column<Guid>(type: "TEXT", nullable: true),
                    VisitCodingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatientCharges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PatientCharges_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PatientPayments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RecordedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatientPayments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PatientPayments_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RemittanceImports_OrganizationId_PayerIdentifier_TraceNumber",
                table: "RemittanceImports",
                columns: new[] { "OrganizationId", "PayerIdentifier", "TraceNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RemittanceImports_OrganizationId_Sha256",
                table: "RemittanceImports",
                columns: new[] { "OrganizationId", "Sha256" });

            migrationBuilder.CreateIndex(
                name: "IX_PatientAccounts_OrganizationId_BalanceCents",
                table: "PatientAccounts",
                columns: new[] { "OrganizationId", "BalanceCents" });

            migrationBuilder.CreateIndex(
                name: "IX_PatientAccounts_PatientId",
                table: "PatientAccounts",
                column: "PatientId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PatientCharges_PatientId_ServiceDate",
                table: "PatientCharges",
                columns: new[] { "PatientId", "ServiceDate" });

            migrationBuilder.CreateIndex(
                name: "IX_PatientCharges_VisitCodingId",
                table: "PatientCharges",
                column: "VisitCodingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PatientPayments_PatientId_ReceivedOn",
                table: "PatientPayments",
                columns: new[] { "PatientId", "ReceivedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PatientAccounts");

            migrationBuilder.DropTable(
                name: "PatientCharges");

            migrationBuilder.DropTable(
                name: "PatientPayments");

            migrationBuilder.DropIndex(
                name: "IX_RemittanceImports_OrganizationId_PayerIdentifier_TraceNumber",
                table: "RemittanceImports");

            migrationBuilder.DropIndex(
                name: "IX_RemittanceImports_OrganizationId_Sha256",
                table: "RemittanceImports");

            migrationBuilder.DropColumn(
                name: "PayerIdentifier",
                table: "RemittanceImports");

            migrationBuilder.DropColumn(
                name: "TaxonomyCode",
                table: "Practitioners");

            migrationBuilder.DropColumn(
                name: "RequiresRenderingTaxonomy",
                table: "Payers");

            migrationBuilder.CreateIndex(
                name: "IX_RemittanceImports_OrganizationId_Sha256",
                table: "RemittanceImports",
                columns: new[] { "OrganizationId", "Sha256" },
                unique: true);
        }
    }
}
