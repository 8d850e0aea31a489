using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PatientNameWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PatientNameWords",
                columns: table => new
                {
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Word = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Parts = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    GivenKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Mrn = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatientNameWords", x => new { x.PatientId, x.Word });
                    table.ForeignKey(
                        name: "FK_PatientNameWords_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PatientNameWords_OrganizationId_Word_FamilyKey_GivenKey_Mrn_PatientId",
                table: "PatientNameWords",
                columns: new[] { "OrganizationId", "Word", "FamilyKey", "GivenKey", "Mrn", "PatientId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PatientNameWords");
        }
    }
}
