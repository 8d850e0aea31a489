using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BandConvention",
                table: "MeasureResponses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InstrumentBandChoices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Instrument = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Convention = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ChosenById = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChosenAt = table.Column<long>(type: "INTEGER", nullable: false)
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
