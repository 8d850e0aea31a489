using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Reimbursement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BillingProfiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    LegalName = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Npi = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    TaxId = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    AddressLine = table.Column<string>(type: "text", nullable: true),
                    City = table.Column<string>(type: "text", nullable: true),
                    State = table.Column<string>(type: "text", nullable: true),
                    PostalCode = table.Column<string>(type: "text", nullable: true),
                    ContactName = table.Column<string>(type: "text", nullable: false),
                    ContactPhone = table.Column<string>(type: "text", nullable: true),
                    SubmitterId = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    ReceiverId = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    ReceiverName = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    PlaceOfService = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    UsageIndicator = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    ElementSeparator = table.Column<char>(type: "character(1)", nullable: false),
                    ComponentSeparator = table.Column<char>(type: "character(1)", nullable: false),
                    RepetitionSeparator = table.Column<char>(type: "character(1)", nullable: false),
                    SegmentTerminator = table.Column<char>(type: "character(1)", nullable: false),
                    NextInterchangeControlNumber = table.Column<long>(type: "bigint", nullable: false),
                    NextClaimNumber = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BillingProfiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ClaimBatches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    InterchangeControlNumber = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    ClaimIds = table.Column<string>(type: "text", nullable: false),
                    ClaimCount = table.Column<int>(type: "integer", nullable: false),
                    TotalCharge = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    Content = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClaimBatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FeeSchedule",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeeSchedule", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NcciEditSets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SourceName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LoadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LoadedById = table.Column<Guid>(type: "uuid", nullable: false),
                    RowsRead = table.Column<int>(type: "integer", nullable: false),
                    Edits = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NcciEditSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Payers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PayerIdentifier = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    ClaimFilingIndicator = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    UnitRule = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    RequiredTherapyModifiers = table.Column<string>(type: "text", nullable: false),
                    DistinctServiceModifier = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    VisitLimitPerYear = table.Column<int>(type: "integer", nullable: true),
                    RequiresAuthorization = table.Column<bool>(type: "boolean", nullable: false),
                    RequiresReferringProvider = table.Column<bool>(type: "boolean", nullable: false),
                    AcceptedRenderingDisciplines = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Payers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RemittanceImports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TraceNumber = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    PayerName = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    PaymentAmount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    PaymentMethod = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    PaymentDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ImportedById = table.Column<Guid>(type: "uuid", nullable: false),
                    ClaimNumbers = table.Column<string>(type: "text", nullable: false),
                    DeniedLines = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RemittanceImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VisitCodings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReferralId = table.Column<Guid>(type: "uuid", nullable: false),
                    TherapistId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceDate = table.Column<DateOnly>(type: "date", nullable: false),
                    CoverageId = table.Column<Guid>(type: "uuid", nullable: true),
                    PayerId = table.Column<Guid>(type: "uuid", nullable: true),
                    UnitRule = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Lines = table.Column<string>(type: "text", nullable: false),
                    Diagnoses = table.Column<string>(type: "text", nullable: false),
                    Reasoning = table.Column<string>(type: "text", nullable: false),
                    Warnings = table.Column<string>(type: "text", nullable: false),
                    Adjustments = table.Column<string>(type: "text", nullable: false),
                    ReviewedById = table.Column<Guid>(type: "uuid", nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClaimId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitCodings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VisitCodings_TreatmentSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "TreatmentSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Coverages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    PayerId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    GroupNumber = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Priority = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Relationship = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Subscriber = table.Column<string>(type: "text", nullable: true),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Coverages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Coverages_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Coverages_Payers_PayerId",
                        column: x => x.PayerId,
                        principalTable: "Payers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Authorizations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    CoverageId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReferralId = table.Column<Guid>(type: "uuid", nullable: true),
                    Number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    VisitsApproved = table.Column<int>(type: "integer", nullable: false),
                    UnitsApproved = table.Column<int>(type: "integer", nullable: true),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Authorizations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Authorizations_Coverages_CoverageId",
                        column: x => x.CoverageId,
                        principalTable: "Coverages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Claims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    CoverageId = table.Column<Guid>(type: "uuid", nullable: false),
                    PayerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClaimNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    HoldReasons = table.Column<string>(type: "text", nullable: false),
                    Lines = table.Column<string>(type: "text", nullable: false),
                    Diagnoses = table.Column<string>(type: "text", nullable: false),
                    VisitCodingIds = table.Column<string>(type: "text", nullable: false),
                    RenderingTherapistId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReferringClinicianId = table.Column<Guid>(type: "uuid", nullable: true),
                    AuthorizationNumber = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    PlaceOfService = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    FromDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ToDate = table.Column<DateOnly>(type: "date", nullable: false),
                    TotalCharge = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    Paid = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    PatientResponsibility = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    PayerClaimControlNumber = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RemittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    BatchId = table.Column<Guid>(type: "uuid", nullable: true),
                    StatusChanges = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Claims_Coverages_CoverageId",
                        column: x => x.CoverageId,
                        principalTable: "Coverages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Authorizations_CoverageId",
                table: "Authorizations",
                column: "CoverageId");

            migrationBuilder.CreateIndex(
                name: "IX_Authorizations_PatientId_EndsOn",
                table: "Authorizations",
                columns: new[] { "PatientId", "EndsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_BillingProfiles_OrganizationId",
                table: "BillingProfiles",
                column: "OrganizationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClaimBatches_OrganizationId_InterchangeControlNumber",
                table: "ClaimBatches",
                columns: new[] { "OrganizationId", "InterchangeControlNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Claims_CoverageId",
                table: "Claims",
                column: "CoverageId");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_OrganizationId_ClaimNumber",
                table: "Claims",
                columns: new[] { "OrganizationId", "ClaimNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Claims_OrganizationId_Status",
                table: "Claims",
                columns: new[] { "OrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Coverages_PatientId",
                table: "Coverages",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_Coverages_PayerId",
                table: "Coverages",
                column: "PayerId");

            migrationBuilder.CreateIndex(
                name: "IX_FeeSchedule_OrganizationId_Code",
                table: "FeeSchedule",
                columns: new[] { "OrganizationId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NcciEditSets_OrganizationId_LoadedAt",
                table: "NcciEditSets",
                columns: new[] { "OrganizationId", "LoadedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Payers_OrganizationId_PayerIdentifier",
                table: "Payers",
                columns: new[] { "OrganizationId", "PayerIdentifier" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RemittanceImports_OrganizationId_Sha256",
                table: "RemittanceImports",
                columns: new[] { "OrganizationId", "Sha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VisitCodings_OrganizationId_Status",
                table: "VisitCodings",
                columns: new[] { "OrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitCodings_SessionId",
                table: "VisitCodings",
                column: "SessionId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Authorizations");

            migrationBuilder.DropTable(
                name: "BillingProfiles");

            migrationBuilder.DropTable(
                name: "ClaimBatches");

            migrationBuilder.DropTable(
                name: "Claims");

            migrationBuilder.DropTable(
                name: "FeeSchedule");

            migrationBuilder.DropTable(
                name: "NcciEditSets");

            migrationBuilder.DropTable(
                name: "RemittanceImports");

            migrationBuilder.DropTable(
                name: "VisitCodings");

            migrationBuilder.DropTable(
                name: "Coverages");

            migrationBuilder.DropTable(
                name: "Payers");
        }
    }
}
