from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from filmclub.models import SeedFile, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "email", "display_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["username", "email", "display_name"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Profile", {"fields": ("display_name", "bio", "avatar")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "email", "password1", "password2")}),
    )


@admin.register(SeedFile)
class SeedFileAdmin(admin.ModelAdmin):
    list_display = ["name", "loaded_at", "sha256"]
    readonly_fields = ["name", "sha256", "loaded_at"]

    def has_add_permission(self, request):
        return False
