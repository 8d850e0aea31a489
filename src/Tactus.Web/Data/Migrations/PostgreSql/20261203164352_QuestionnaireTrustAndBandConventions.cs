using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class QuestionnaireTrustAndBandConventions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ResolvedByResponseId",
                table: "SafetyAlerts",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BandConvention",
                table: "MeasureResponses",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InstrumentBandChoices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Instrument = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Convention = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ChosenById = table.Column<Guid>(type: "uuid", nullable: false),
                    ChosenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstrumentBandChoices", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InstrumentBandChoices_OrganizationId_Instrument",
                table: "InstrumentBandChoices",
                columns: new[] { "OrganizationId", "Instrument" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InstrumentBandChoices");

            migrationBuilder.DropColumn(
                name: "ResolvedByResponseId",
                table: "SafetyAlerts");

            migrationBuilder.DropColumn(
                name: "BandConvention",
                table: "MeasureResponses");
        }
    }
}
