package io.optiinfra.portal.view;

/** What the layout shows around every page: title, who is signed in, which tab is active, an error message. */
public record Page(String title, String customerId, String companyName, String active, String message) {
    public static Page anonymous(String title, String message) {
        return new Page(title, "", null, "", message);
    }

    public boolean signedIn() {
        return customerId != null && !customerId.isEmpty();
    }

    public String nav(String tab) {
        return tab.equals(active) ? "page" : null;
    }
}
