using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SearchKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Patients_OrganizationId_FamilyName_GivenName",
                table: "Patients");

            migrationBuilder.AlterColumn<string>(
                name: "Mrn",
                table: "Patients",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20);

            migrationBuilder.AddColumn<string>(
                name: "FamilyKey",
                table: "Patients",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "",
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "GivenKey",
                table: "Patients",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "",
                collation: "C");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_OrganizationId_FamilyKey_GivenKey",
                table: "Patients",
                columns: new[] { "OrganizationId", "FamilyKey", "GivenKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Patients_OrganizationId_GivenKey",
                table: "Patients",
                columns: new[] { "OrganizationId", "GivenKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Patients_OrganizationId_FamilyKey_GivenKey",
                table: "Patients");

            migrationBuilder.DropIndex(
                name: "IX_Patients_OrganizationId_GivenKey",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "FamilyKey",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "GivenKey",
                table: "Patients");

            migrationBuilder.AlterColumn<string>(
                name: "Mrn",
                table: "Patients",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20,
                oldCollation: "C");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_OrganizationId_FamilyName_GivenName",
                table: "Patients",
                columns: new[] { "OrganizationId", "FamilyName", "GivenName" });
        }
    }
}
