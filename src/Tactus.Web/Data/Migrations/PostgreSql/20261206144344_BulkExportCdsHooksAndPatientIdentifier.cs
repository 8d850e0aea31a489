using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class BulkExportCdsHooksAndPatientIdentifier : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "Patients",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalSystem",
                table: "Patients",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BulkExportJobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    GroupId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Types = table.Column<string>(type: "text", nullable: false),
                    Since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RequestUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    TransactionTime = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LeaseUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Exported = table.Column<int>(type: "integer", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Files = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkExportJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CdsClients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Issuer = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    JsonWebKeySet = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CdsClients", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CdsFeedback",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CardId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AcceptedSuggestions = table.Column<string>(type: "text", nullable: false),
                    OverrideReasonCode = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    OverrideComment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OutcomeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CdsFeedback", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CdsJwtUses",
                columns: table => new
                {
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Jti = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CdsJwtUses", x => new { x.ClientId, x.Jti });
                });

            migrationBuilder.CreateTable(
                name: "BulkExportParts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResourceType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkExportParts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BulkExportParts_BulkExportJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "BulkExportJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Patients_OrganizationId_ExternalSystem_ExternalId",
                table: "Patients",
                columns: new[] { "OrganizationId", "ExternalSystem", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BulkExportJobs_OrganizationId_AccountId_Status",
                table: "BulkExportJobs",
                columns: new[] { "OrganizationId", "AccountId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_BulkExportJobs_Status_LeaseUntil",
                table: "BulkExportJobs",
                columns: new[] { "Status", "LeaseUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_BulkExportParts_JobId_ResourceType_Sequence",
                table: "BulkExportParts",
                columns: new[] { "JobId", "ResourceType", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CdsClients_Issuer",
                table: "CdsClients",
                column: "Issuer",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CdsFeedback_OrganizationId_ServiceId_OutcomeAt",
                table: "CdsFeedback",
                columns: new[] { "OrganizationId", "ServiceId", "OutcomeAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CdsJwtUses_ExpiresAt",
                table: "CdsJwtUses",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BulkExportParts");

            migrationBuilder.DropTable(
                name: "CdsClients");

            migrationBuilder.DropTable(
                name: "CdsFeedback");

            migrationBuilder.DropTable(
                name: "CdsJwtUses");

            migrationBuilder.DropTable(
                name: "BulkExportJobs");

            migrationBuilder.DropIndex(
                name: "IX_Patients_OrganizationId_ExternalSystem_ExternalId",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "ExternalSystem",
                table: "Patients");
        }
    }
}
