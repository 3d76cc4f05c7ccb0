package io.ppcanomaly.api.sample;

import java.util.List;

/**
 * Small word lists from which the generator composes realistic Amazon Sponsored Products names: one product
 * theme per portfolio, campaigns named like {@code "SP - Trail Running - Exact"}, ad groups after products,
 * and keywords as shoppers type them ({@code "trail running shoes women"}). Names may repeat; ids never do.
 */
final class Vocabulary {

    /**
     * Campaign targeting types, with how they shift traffic, CTR and conversion rate against the account's
     * norm: automatic and broad campaigns reach generic, high-volume searches with weaker intent; exact
     * campaigns target precise, lower-volume searches that click and convert better.
     */
    enum MatchType {
        EXACT("Exact", 0.6, 1.30, 1.20),
        PHRASE("Phrase", 1.0, 1.00, 1.00),
        BROAD("Broad", 1.4, 0.80, 0.85),
        AUTO("Auto", 1.8, 0.70, 0.80);

        final String label;
        final double trafficFactor;
        final double ctrFactor;
        final double cvrFactor;

        MatchType(String label, double trafficFactor, double ctrFactor, double cvrFactor) {
            this.label = label;
            this.trafficFactor = trafficFactor;
            this.ctrFactor = ctrFactor;
            this.cvrFactor = cvrFactor;
        }
    }

    /**
     * One product theme.
     *
     * @param portfolio    portfolio name
     * @param lines        product lines, used in campaign names
     * @param products     product names, used for ad groups
     * @param terms        core search terms
     * @param modifiers    words shoppers add before or after a term
     * @param audiences    "for …" endings
     * @param minOrderValue lowest typical order value, dollars
     * @param maxOrderValue highest typical order value, dollars
     */
    record Theme(String portfolio, List<String> lines, List<String> products, List<String> terms,
                 List<String> modifiers, List<String> audiences, double minOrderValue, double maxOrderValue) {
    }

    static final List<Theme> THEMES = List.of(
            new Theme("Running Shoes",
                    List.of("Running Shoes", "Trail Running", "Walking Shoes", "Brand Defense"),
                    List.of("Women's Trail Runner", "Men's Road Runner", "Cloud Cushion Sneaker", "Kids' Jogger",
                            "Marathon Racer", "Everyday Walker"),
                    List.of("running shoes", "trail running shoes", "road running shoes", "sneakers", "jogging shoes",
                            "walking shoes", "marathon shoes", "athletic shoes"),
                    List.of("women", "men", "womens", "mens", "lightweight", "waterproof", "wide", "cushioned",
                            "breathable", "black", "white", "size 9", "best", "cheap", "slip on", "non slip"),
                    List.of("flat feet", "plantar fasciitis", "women", "men", "kids", "beginners", "high arches"),
                    45, 80),
            new Theme("Yoga & Fitness",
                    List.of("Yoga Mats", "Resistance Bands", "Home Gym", "Recovery"),
                    List.of("Eco Yoga Mat 6mm", "Resistance Band Set", "High Density Foam Roller", "Cork Yoga Block",
                            "Pilates Ring", "Adjustable Jump Rope"),
                    List.of("yoga mat", "resistance bands", "exercise mat", "foam roller", "yoga blocks",
                            "pilates ring", "workout bands", "jump rope"),
                    List.of("thick", "non slip", "extra wide", "6mm", "eco friendly", "set", "heavy", "for men",
                            "for women", "large", "travel", "cork", "purple", "pack of 2"),
                    List.of("home workout", "beginners", "pilates", "physical therapy", "legs and butt", "hot yoga"),
                    18, 45),
            new Theme("Kitchen Storage",
                    List.of("Food Storage", "Meal Prep", "Pantry", "Brand Defense"),
                    List.of("Glass Container Set 10pc", "Meal Prep Bowls 20pk", "Bamboo Spice Rack",
                            "Pantry Bin Organizer", "Airtight Cereal Dispenser", "Stainless Bento Box"),
                    List.of("food storage containers", "glass containers", "meal prep containers", "spice rack",
                            "pantry organizer", "bento box", "airtight containers", "cereal container"),
                    List.of("with lids", "glass", "bpa free", "set", "airtight", "large", "stackable", "microwave safe",
                            "leak proof", "reusable", "plastic", "bamboo", "20 pack"),
                    List.of("kitchen", "pantry", "lunch", "kids", "meal prep", "fridge"),
                    20, 40),
            new Theme("Pet Supplies",
                    List.of("Dog Beds", "Cat Care", "Dog Walking", "Toys"),
                    List.of("Orthopedic Dog Bed L", "Calming Donut Bed", "No Pull Harness", "Cat Litter Mat XL",
                            "Chew Toy Bundle", "Slow Feeder Bowl"),
                    List.of("dog bed", "cat litter mat", "dog toys", "pet hair remover", "dog harness",
                            "cat scratcher", "slow feeder bowl", "dog leash"),
                    List.of("large", "small", "medium", "washable", "orthopedic", "calming", "no pull", "indestructible",
                            "waterproof", "extra large", "grey", "for aggressive chewers"),
                    List.of("large dogs", "small dogs", "puppies", "cats", "indoor cats", "senior dogs"),
                    15, 60),
            new Theme("Phone Accessories",
                    List.of("Cases", "Charging", "Screen Protection", "Car"),
                    List.of("Clear Magsafe Case", "Tempered Glass 3pk", "USB C Cable 2m 2pk", "15W Wireless Charger",
                            "Aluminum Phone Stand", "Vent Car Mount"),
                    List.of("phone case", "screen protector", "usb c cable", "wireless charger", "phone stand",
                            "car phone mount", "power bank", "charging cable"),
                    List.of("iphone 15", "iphone 15 pro", "samsung s24", "clear", "magsafe", "fast charging",
                            "6ft", "10ft", "tempered glass", "shockproof", "2 pack", "braided"),
                    List.of("iphone", "samsung", "car", "desk", "travel", "android"),
                    15, 35),
            new Theme("Home Office",
                    List.of("Desk Setup", "Ergonomics", "Lighting", "Cable Management"),
                    List.of("Laptop Stand Aluminum", "Monitor Riser Bamboo", "Desk Organizer Mesh",
                            "LED Desk Lamp", "Under Desk Footrest", "Cable Tray 2pk"),
                    List.of("laptop stand", "monitor riser", "desk organizer", "desk lamp", "footrest",
                            "cable management", "mouse pad", "keyboard tray"),
                    List.of("adjustable", "ergonomic", "aluminum", "wood", "led", "dimmable", "large", "portable",
                            "black", "under desk", "with storage", "wireless charging"),
                    List.of("desk", "home office", "laptop", "dual monitors", "gaming", "work from home"),
                    20, 70),
            new Theme("Baby & Nursery",
                    List.of("Feeding", "Sleep", "Nursery", "Teething"),
                    List.of("Anti Colic Bottle 4pk", "Muslin Swaddle 3pk", "Silicone Teether Set",
                            "Felt Diaper Caddy", "Sound Machine", "Bamboo Bib Set"),
                    List.of("baby bottles", "swaddle blanket", "teething toys", "diaper caddy", "sound machine",
                            "baby bibs", "pacifier clips", "burp cloths"),
                    List.of("newborn", "organic", "anti colic", "muslin", "silicone", "bpa free", "girl", "boy",
                            "neutral", "set", "portable"),
                    List.of("newborns", "infants", "toddlers", "boys", "girls", "baby shower"),
                    15, 50),
            new Theme("Outdoor & Camping",
                    List.of("Camping", "Hydration", "Hiking", "Brand Defense"),
                    List.of("Rechargeable Lantern", "Insulated Bottle 32oz", "Hiking Daypack 30L",
                            "Carbon Trekking Poles", "Camping Hammock", "Headlamp 2pk"),
                    List.of("camping lantern", "water bottle", "hiking backpack", "trekking poles", "camping hammock",
                            "headlamp", "camping gear", "insulated water bottle"),
                    List.of("rechargeable", "led", "32 oz", "insulated", "lightweight", "waterproof", "collapsible",
                            "with straw", "stainless steel", "ultralight", "2 pack"),
                    List.of("camping", "hiking", "hunting", "emergencies", "kids", "backpacking"),
                    18, 75));

    private Vocabulary() {
    }

    /** @return the theme of portfolio {@code p} (0-based) */
    static Theme theme(int p) {
        return THEMES.get(p % THEMES.size());
    }

    /** @return the portfolio name: the theme, numbered when themes repeat */
    static String portfolioName(int p) {
        Theme t = theme(p);
        int round = p / THEMES.size();
        return round == 0 ? t.portfolio() : t.portfolio() + " " + (round + 1);
    }

    /** @return a campaign name such as {@code "SP - Trail Running - Exact"} */
    static String campaignName(Theme t, int line, MatchType match) {
        return "SP - " + t.lines().get(line % t.lines().size()) + " - " + match.label;
    }

    /** @return a search term as shoppers type it, drawn with {@code s} */
    static String keyword(Theme t, Sampler s) {
        String term = pick(t.terms(), s);
        double u = s.uniform();
        if (u < 0.15) {
            return term;
        }
        if (u < 0.45) {
            return pick(t.modifiers(), s) + " " + term;
        }
        if (u < 0.75) {
            return term + " " + pick(t.modifiers(), s);
        }
        if (u < 0.90) {
            return term + " for " + pick(t.audiences(), s);
        }
        return pick(t.modifiers(), s) + " " + term + " for " + pick(t.audiences(), s);
    }

    private static String pick(List<String> words, Sampler s) {
        return words.get(s.intBetween(0, words.size() - 1));
    }
}
