package com.anastig.platform.tenant;

/**
 * The permission table: what each role may do in an organization. This enum is the one place it is
 * written down for the code; every resource method under {@code /api/v1/orgs/{orgId}} names one with
 * {@link Requires}, and {@link OrgScopeFilter} enforces it. README.md ("Roles and permissions")
 * renders the same table for people; {@code PermissionTableTest} keeps the two equal.
 */
public enum Permission {
    ORG_READ(Role.VIEWER, "see the organization"),
    ORG_RENAME(Role.ADMIN, "rename the organization"),
    ORG_DELETE(Role.OWNER, "delete the organization"),
    MEMBERS_READ(Role.VIEWER, "list members"),
    MEMBERS_MANAGE(Role.ADMIN, "change members' roles and remove members (owners only for owners)"),
    LEAVE(Role.VIEWER, "leave the organization (unless the last owner)"),
    INVITATIONS_MANAGE(Role.ADMIN, "invite, list and revoke invitations (never above one's own role)"),
    TOKENS_MANAGE(Role.ADMIN, "create, list and revoke API tokens (never above one's own role)"),
    AUDIT_READ(Role.ADMIN, "read the audit trail"),
    USAGE_READ(Role.VIEWER, "see usage and quota"),
    STORAGE_READ(Role.ADMIN, "see the storage setting (the secret never)"),
    STORAGE_MANAGE(Role.ADMIN, "test and change the storage setting, follow migrations"),
    STORAGE_PURGE_SOURCE(Role.OWNER, "delete the old location's objects after a migration"),
    PROJECTS_READ(Role.VIEWER, "see projects, images, annotations, models and exports, and download them"),
    PROJECTS_EDIT(Role.EDITOR, "create projects, rename them and edit their label classes"),
    PROJECTS_DELETE(Role.ADMIN, "delete projects with all their images, models and exports"),
    DATA_WRITE(Role.EDITOR, "upload and delete images, save annotations, register and delete models"),
    DATASETS_RUN(Role.EDITOR, "start dataset exports and imports");

    private final Role minimum;
    private final String description;

    Permission(Role minimum, String description) {
        this.minimum = minimum;
        this.description = description;
    }

    public Role minimum() {
        return minimum;
    }

    public String description() {
        return description;
    }

    public boolean allows(Role role) {
        return role.atLeast(minimum);
    }
}
