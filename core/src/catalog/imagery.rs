//! The embedded vocabulary that image descriptions are composed from: for each industry (image
//! category) its subjects, products, settings, details and audiences, and the shared styles,
//! palettes, moods and light. Every concept carries the hashtag it yields; a hashtag is always the
//! concatenation of consecutive words of its phrase (`"golden hour"` → `#GoldenHour`), so a
//! description that mentions the phrase justifies the tag and `verify` can check it.

/// A phrase and the hashtag it yields.
pub type Concept = (&'static str, &'static str);

/// The concepts of one industry, aligned with [`INDUSTRIES`](super::vocab::INDUSTRIES).
#[derive(Debug, Clone, Copy)]
pub struct Imagery {
    /// How the category is named in a sentence ("a beachwear campaign").
    pub noun: Concept,
    /// Who or what is in the frame.
    pub subjects: &'static [Concept],
    /// The products, in the order of the industry's catalog products.
    pub products: &'static [Concept],
    /// Where the scene happens.
    pub settings: &'static [Concept],
    /// A foreground detail.
    pub details: &'static [Concept],
    /// Who the image speaks to.
    pub audiences: &'static [Concept],
}

/// A colour palette: phrase, hashtag and dominant colours (hex).
pub type Palette = (&'static str, &'static str, [&'static str; 3]);

/// Photographic styles (shared).
pub const STYLES: [Concept; 6] = [
    ("editorial photography", "#EditorialPhotography"),
    ("flat lay composition", "#FlatLay"),
    ("candid lifestyle photography", "#LifestylePhotography"),
    ("minimalist composition", "#Minimalist"),
    ("cinematic wide shot", "#Cinematic"),
    ("close-up product photography", "#ProductPhotography"),
];

/// Palettes (shared).
pub const PALETTES: [Palette; 6] = [
    (
        "warm terracotta and sand tones",
        "#Terracotta",
        ["#C8553D", "#E9C46A", "#F4E9D8"],
    ),
    (
        "fresh teal and white accents",
        "#Teal",
        ["#2A9D8F", "#FFFFFF", "#A8DADC"],
    ),
    (
        "soft pastel colours",
        "#Pastel",
        ["#F7C6D0", "#CDE7F0", "#FFF1C1"],
    ),
    (
        "bold tropical greens and yellows",
        "#Tropical",
        ["#2D6A4F", "#FFD60A", "#95D5B2"],
    ),
    (
        "deep navy and gold highlights",
        "#NavyAndGold",
        ["#1D3557", "#D4A017", "#F1FAEE"],
    ),
    (
        "neutral monochrome greys",
        "#Monochrome",
        ["#2B2D42", "#8D99AE", "#EDF2F4"],
    ),
];

/// Moods (shared).
pub const MOODS: [Concept; 6] = [
    ("relaxed", "#Relaxed"),
    ("joyful", "#Joyful"),
    ("energetic", "#Energetic"),
    ("calm", "#Calm"),
    ("confident", "#Confident"),
    ("festive", "#Festive"),
];

/// Light and time of day (shared).
pub const LIGHT: [Concept; 5] = [
    ("at golden hour", "#GoldenHour"),
    ("in soft morning light", "#MorningLight"),
    ("under soft natural light", "#NaturalLight"),
    ("lit by warm evening lamps", "#EveningLamps"),
    ("under a clear blue sky", "#BlueSky"),
];

/// Per-industry imagery, aligned with `INDUSTRIES`.
pub const IMAGERY: [Imagery; 12] = [
    Imagery {
        noun: ("fashion", "#Fashion"),
        subjects: &[
            ("a young woman showing off her street style", "#StreetStyle"),
            ("two friends comparing outfit ideas", "#OutfitIdeas"),
            ("a stylist adjusting a garment on a model", "#Stylist"),
        ],
        products: &[
            ("linen blouse", "#LinenBlouse"),
            ("pair of classic denim jeans", "#DenimJeans"),
            ("flowing party dress", "#PartyDress"),
            ("waterproof jacket", "#WaterproofJacket"),
            ("leather handbag", "#LeatherHandbag"),
        ],
        settings: &[
            (
                "on a cobblestone street in Barrio Escalante",
                "#BarrioEscalante",
            ),
            ("inside a bright boutique fitting room", "#Boutique"),
            ("at a rooftop fashion show in San Jose", "#FashionShow"),
        ],
        details: &[
            ("a rack of seasonal garments", "#SeasonalGarments"),
            ("shopping bags and a sketchbook", "#Sketchbook"),
            ("folded fabric swatches", "#FabricSwatches"),
        ],
        audiences: &[
            ("style-conscious young professionals", "#YoungProfessionals"),
            ("trend-driven university students", "#UniversityStudents"),
        ],
    },
    Imagery {
        noun: ("beachwear", "#Beachwear"),
        subjects: &[
            ("a surfer couple resting on the sand", "#SurferCouple"),
            ("a woman in a summer swimwear set", "#SummerSwimwear"),
            ("a family building sandcastles by the waves", "#Sandcastles"),
        ],
        products: &[
            ("printed swimsuit", "#Swimsuit"),
            ("colourful beach sarong", "#BeachSarong"),
            ("pair of summer sandals", "#SummerSandals"),
            ("pair of polarised sunglasses", "#Sunglasses"),
            ("wide-brimmed straw hat", "#StrawHat"),
        ],
        settings: &[
            ("on a sunny beach in Guanacaste", "#SunnyBeach"),
            (
                "beside turquoise waves at Playa Tamarindo",
                "#PlayaTamarindo",
            ),
            (
                "under palm trees on a Caribbean beach in Puerto Viejo",
                "#PuertoViejo",
            ),
        ],
        details: &[
            ("a striped beach towel and sunscreen", "#BeachTowel"),
            ("seashells scattered on warm sand", "#Seashells"),
            ("a surfboard leaning on a palm trunk", "#Surfboard"),
        ],
        audiences: &[
            ("beach lovers planning a summer getaway", "#BeachLovers"),
            ("young travellers chasing sunny surf towns", "#SurfTowns"),
        ],
    },
    Imagery {
        noun: ("food and drink", "#FoodAndDrink"),
        subjects: &[
            ("a barista pouring a latte", "#Barista"),
            ("friends sharing a long brunch table", "#Brunch"),
            ("a chef plating a dessert", "#Chef"),
        ],
        products: &[
            ("bag of gourmet Tarrazu coffee", "#TarrazuCoffee"),
            ("jar of artisanal granola", "#Granola"),
            ("box of handmade chocolates", "#Chocolates"),
            ("bottle of reserve red wine", "#RedWine"),
            ("snack subscription box", "#SnackSubscription"),
        ],
        settings: &[
            ("in a rustic kitchen with clay pots", "#RusticKitchen"),
            ("at a cafe counter in Barrio Amon", "#CafeCounter"),
            ("on a coffee farm in the Tarrazu highlands", "#CoffeeFarm"),
        ],
        details: &[
            ("fresh coffee beans and cacao pods", "#CoffeeBeans"),
            ("a wooden board with fresh herbs", "#FreshHerbs"),
            ("steaming cups on a woven placemat", "#Steaming"),
        ],
        audiences: &[
            ("home cooks who love local flavours", "#HomeCooks"),
            ("food lovers looking for gourmet gifts", "#FoodLovers"),
        ],
    },
    Imagery {
        noun: ("technology", "#Technology"),
        subjects: &[
            ("a developer coding on a laptop", "#Developer"),
            ("a gamer wearing headphones", "#Gamer"),
            ("a remote worker on a video call", "#RemoteWorker"),
        ],
        products: &[
            ("pair of wireless headphones", "#WirelessHeadphones"),
            ("sleek smartwatch", "#Smartwatch"),
            ("ultralight laptop", "#Laptop"),
            ("portable bluetooth speaker", "#BluetoothSpeaker"),
            ("fibre optic internet plan", "#FibreOptic"),
        ],
        settings: &[
            ("at a coworking space desk with monitors", "#Coworking"),
            ("in a modern home office", "#HomeOffice"),
            ("inside a glass-walled innovation lab", "#InnovationLab"),
        ],
        details: &[
            ("tangled charging cables and a keyboard", "#Keyboard"),
            ("a glowing screen with code", "#Code"),
            ("a smartphone showing a notification", "#Smartphone"),
        ],
        audiences: &[
            ("early adopters who follow gadget reviews", "#EarlyAdopters"),
            ("freelancers who work from anywhere", "#Freelancers"),
        ],
    },
    Imagery {
        noun: ("beauty", "#Beauty"),
        subjects: &[
            ("a woman following her skincare routine", "#Skincare"),
            ("a makeup artist at work", "#MakeupArtist"),
            ("a man following a grooming routine", "#Grooming"),
        ],
        products: &[
            ("facial serum", "#FacialSerum"),
            ("bottle of mineral sunscreen", "#Sunscreen"),
            ("fragrance bottle", "#Fragrance"),
            ("makeup palette kit", "#MakeupPalette"),
            ("nourishing hair treatment", "#HairTreatment"),
        ],
        settings: &[
            ("at a marble bathroom vanity", "#Vanity"),
            ("inside a calm day spa", "#DaySpa"),
            ("in a salon with round mirrors", "#Salon"),
        ],
        details: &[
            ("droplets of serum on glass", "#Glass"),
            ("flower petals and cotton pads", "#FlowerPetals"),
            ("makeup brushes arranged in a jar", "#MakeupBrushes"),
        ],
        audiences: &[
            (
                "skincare enthusiasts who read ingredient lists",
                "#SkincareEnthusiasts",
            ),
            ("busy parents with a quick self-care routine", "#SelfCare"),
        ],
    },
    Imagery {
        noun: ("fitness", "#Fitness"),
        subjects: &[
            ("a runner stretching before a race", "#Runner"),
            ("a trainer coaching a group class", "#GroupClass"),
            ("a cyclist climbing a mountain trail", "#Cyclist"),
        ],
        products: &[
            ("gym membership card", "#GymMembership"),
            ("pair of sport leggings", "#SportLeggings"),
            ("pair of running shoes", "#RunningShoes"),
            ("tub of protein powder", "#ProteinPowder"),
            ("mountain bike", "#MountainBike"),
        ],
        settings: &[
            ("in a gym full of free weights", "#Gym"),
            ("on a running track at La Sabana park", "#LaSabana"),
            (
                "on a trail running route near the Irazu volcano",
                "#TrailRunning",
            ),
        ],
        details: &[
            ("a water bottle and a towel", "#WaterBottle"),
            ("kettlebells lined up on rubber floor", "#Kettlebells"),
            ("a fitness tracker showing a heart rate", "#HeartRate"),
        ],
        audiences: &[
            ("weekend athletes training for a race", "#WeekendAthletes"),
            ("beginners starting a healthy habit", "#HealthyHabit"),
        ],
    },
    Imagery {
        noun: ("travel", "#Travel"),
        subjects: &[
            ("a backpacker reading a trail map", "#Backpacker"),
            ("a couple crossing a hanging bridge", "#HangingBridge"),
            ("a tour guide leading a group of visitors", "#TourGuide"),
        ],
        products: &[
            ("Guanacaste holiday package", "#HolidayPackage"),
            ("canopy zipline tour", "#Zipline"),
            ("boutique hotel stay", "#BoutiqueHotel"),
            ("regional flight ticket", "#FlightTicket"),
            ("travel insurance plan", "#TravelInsurance"),
        ],
        settings: &[
            ("in the cloud forest of Monteverde", "#Monteverde"),
            ("facing the Arenal volcano", "#ArenalVolcano"),
            ("at a departure gate in Juan Santamaria airport", "#Airport"),
        ],
        details: &[
            ("a passport and boarding pass", "#Passport"),
            ("a rolled hammock and binoculars", "#Binoculars"),
            ("a toucan perched on a branch", "#Toucan"),
        ],
        audiences: &[
            ("adventure seekers planning a trip", "#AdventureSeekers"),
            ("parents booking a family vacation", "#FamilyVacation"),
        ],
    },
    Imagery {
        noun: ("home decor", "#HomeDecor"),
        subjects: &[
            ("a couple arranging cushions on a sofa", "#Cushions"),
            ("an interior designer measuring a wall", "#InteriorDesigner"),
            ("a child reading in a cosy corner", "#CosyCorner"),
        ],
        products: &[
            ("ceramic table lamp", "#TableLamp"),
            ("set of cotton bed sheets", "#BedSheets"),
            ("drip coffee maker", "#CoffeeMaker"),
            ("modular sofa", "#ModularSofa"),
            ("stainless cookware set", "#Cookware"),
        ],
        settings: &[
            ("in a sunlit living room with wooden floors", "#LivingRoom"),
            ("in an open kitchen with tiled walls", "#OpenKitchen"),
            ("in a bedroom with linen curtains", "#Bedroom"),
        ],
        details: &[
            ("potted plants on a shelf", "#PottedPlants"),
            ("a woven rug and a reading lamp", "#WovenRug"),
            ("framed prints on the wall", "#FramedPrints"),
        ],
        audiences: &[
            ("first-time homeowners furnishing a flat", "#Homeowners"),
            ("renters refreshing a small apartment", "#SmallApartment"),
        ],
    },
    Imagery {
        noun: ("automotive", "#Automotive"),
        subjects: &[
            ("a mechanic checking an engine", "#Mechanic"),
            ("a driver gripping the steering wheel", "#SteeringWheel"),
            ("a family loading an SUV for a road trip", "#RoadTrip"),
        ],
        products: &[
            ("oil change service", "#OilChange"),
            ("set of new tyres", "#Tyres"),
            ("wheel alignment service", "#WheelAlignment"),
            ("test drive invitation", "#TestDrive"),
            ("car insurance policy", "#CarInsurance"),
        ],
        settings: &[
            ("inside a clean service garage", "#ServiceGarage"),
            ("on a winding mountain road", "#MountainRoad"),
            ("in a glass car showroom", "#Showroom"),
        ],
        details: &[
            ("a polished alloy wheel", "#AlloyWheel"),
            ("a dashboard with glowing gauges", "#Dashboard"),
            ("a wrench set on a workbench", "#Workbench"),
        ],
        audiences: &[
            ("car owners who care about safety", "#CarOwners"),
            ("new drivers buying a first car", "#FirstCar"),
        ],
    },
    Imagery {
        noun: ("personal finance", "#PersonalFinance"),
        subjects: &[
            ("a young couple reviewing a budget", "#Budget"),
            ("an adviser explaining a savings chart", "#Savings"),
            (
                "an entrepreneur accepting mobile payments",
                "#MobilePayments",
            ),
        ],
        products: &[
            ("no-fee credit card", "#CreditCard"),
            ("life insurance plan", "#LifeInsurance"),
            ("digital savings account", "#SavingsAccount"),
            ("personal loan offer", "#PersonalLoan"),
            ("investment advice session", "#InvestmentAdvice"),
        ],
        settings: &[
            ("at a kitchen table covered with receipts", "#Receipts"),
            ("in a modern bank branch", "#BankBranch"),
            ("at a small business counter in Heredia", "#SmallBusiness"),
        ],
        details: &[
            ("a calculator and a notebook", "#Calculator"),
            ("a banking app on a tablet", "#BankingApp"),
            ("a jar of coins labelled savings", "#Coins"),
        ],
        audiences: &[
            ("young earners building an emergency fund", "#EmergencyFund"),
            ("small business owners managing cash flow", "#CashFlow"),
        ],
    },
    Imagery {
        noun: ("education", "#Education"),
        subjects: &[
            ("a student taking notes in class", "#Student"),
            ("a teacher at a whiteboard", "#Teacher"),
            ("adults learning at a coding bootcamp", "#CodingBootcamp"),
        ],
        products: &[
            ("English course enrolment", "#EnglishCourse"),
            ("programming bootcamp seat", "#Programming"),
            ("package of music lessons", "#MusicLessons"),
            ("marketing diploma programme", "#MarketingDiploma"),
            ("school tutoring plan", "#Tutoring"),
        ],
        settings: &[
            ("in a bright university library", "#Library"),
            ("in a classroom with large windows", "#Classroom"),
            ("on a campus lawn under jacaranda trees", "#Campus"),
        ],
        details: &[
            ("stacked textbooks and highlighters", "#Textbooks"),
            ("a laptop open for online learning", "#OnlineLearning"),
            ("a graduation cap on a desk", "#Graduation"),
        ],
        audiences: &[
            ("lifelong learners changing careers", "#LifelongLearners"),
            ("parents planning their children's studies", "#Parents"),
        ],
    },
    Imagery {
        noun: ("health and wellness", "#HealthAndWellness"),
        subjects: &[
            ("a dentist smiling with a patient", "#Dentist"),
            ("a physiotherapist guiding an exercise", "#Physiotherapist"),
            ("an older couple on a morning walk", "#MorningWalk"),
        ],
        products: &[
            ("dental care check-up", "#DentalCare"),
            ("full medical check-up", "#MedicalCheckup"),
            ("pair of prescription glasses", "#PrescriptionGlasses"),
            ("bottle of vitamin supplements", "#VitaminSupplements"),
            ("physiotherapy session", "#PhysiotherapySession"),
        ],
        settings: &[
            ("in a clean clinic consultation room", "#Clinic"),
            ("in a pharmacy aisle", "#Pharmacy"),
            ("in a garden with yoga mats", "#Yoga"),
        ],
        details: &[
            ("a stethoscope on a clipboard", "#Stethoscope"),
            ("fresh fruit and a glass of water", "#FreshFruit"),
            ("an appointment reminder on a phone", "#Appointment"),
        ],
        audiences: &[
            ("families who plan preventive care", "#PreventiveCare"),
            ("active seniors keeping a healthy routine", "#ActiveSeniors"),
        ],
    },
];

/// Creative placements an image is cut for.
pub const PLACEMENTS: [&str; 4] = [
    "feed posts, stories and display banners",
    "stories, reels and short video covers",
    "display banners, email headers and landing pages",
    "feed posts, carousels and search ads",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::vocab::INDUSTRIES;

    fn squash(s: &str) -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase()
    }

    /// A tag must be consecutive words of its phrase.
    fn tag_in_phrase(tag: &str, phrase: &str) -> bool {
        let t = squash(tag);
        let words: Vec<String> = phrase.split_whitespace().map(squash).collect();
        (0..words.len()).any(|i| {
            let mut acc = String::new();
            words[i..].iter().any(|w| {
                acc.push_str(w);
                acc == t
            })
        })
    }

    #[test]
    fn every_tag_is_spelled_by_its_phrase() {
        assert_eq!(IMAGERY.len(), INDUSTRIES.len());
        let mut all: Vec<Concept> = STYLES.to_vec();
        all.extend(MOODS);
        all.extend(LIGHT);
        all.extend(PALETTES.iter().map(|p| (p.0, p.1)));
        for im in &IMAGERY {
            all.push(im.noun);
            for list in [
                im.subjects,
                im.products,
                im.settings,
                im.details,
                im.audiences,
            ] {
                all.extend_from_slice(list);
            }
            assert_eq!(im.products.len(), 5);
        }
        for (phrase, tag) in all {
            assert!(tag.starts_with('#') && tag[1..].chars().all(|c| c.is_ascii_alphanumeric()));
            assert!(tag_in_phrase(tag, phrase), "{tag} not in '{phrase}'");
        }
        assert!(!tag_in_phrase("#Beach", "a sunny beachfront"));
    }
}
