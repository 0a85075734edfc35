//! The schema.org vocabulary Etalase writes: the types of local business
//! site.yaml's `business_types` may name, and the type guessed from a
//! category's slug when it names none. A leaf, so site.yaml's reader and
//! the structured data share one list.

/// schema.org's types of local business that site.yaml's
/// `business_types` may name (LocalBusiness and its subtypes).
const BUSINESS_TYPES: &[&str] = &[
    "LocalBusiness",
    "AnimalShelter",
    "AutoBodyShop",
    "AutoDealer",
    "AutoPartsStore",
    "AutoRental",
    "AutoRepair",
    "AutoWash",
    "AutomotiveBusiness",
    "Bakery",
    "BarOrPub",
    "BeautySalon",
    "BedAndBreakfast",
    "BikeStore",
    "BookStore",
    "Brewery",
    "CafeOrCoffeeShop",
    "ChildCare",
    "ClothingStore",
    "ComputerStore",
    "ConvenienceStore",
    "DaySpa",
    "Dentist",
    "DepartmentStore",
    "DryCleaningOrLaundry",
    "Electrician",
    "ElectronicsStore",
    "EmploymentAgency",
    "EntertainmentBusiness",
    "FastFoodRestaurant",
    "FinancialService",
    "Florist",
    "FoodEstablishment",
    "FurnitureStore",
    "GardenStore",
    "GeneralContractor",
    "GroceryStore",
    "HairSalon",
    "HardwareStore",
    "HealthAndBeautyBusiness",
    "HobbyShop",
    "HomeAndConstructionBusiness",
    "HomeGoodsStore",
    "Hotel",
    "HousePainter",
    "IceCreamShop",
    "InsuranceAgency",
    "InternetCafe",
    "JewelryStore",
    "LegalService",
    "Locksmith",
    "LodgingBusiness",
    "MedicalBusiness",
    "MobilePhoneStore",
    "MotorcycleDealer",
    "MotorcycleRepair",
    "MovingCompany",
    "MusicStore",
    "NailSalon",
    "OfficeEquipmentStore",
    "OutletStore",
    "PawnShop",
    "PetStore",
    "Pharmacy",
    "Plumber",
    "ProfessionalService",
    "RealEstateAgent",
    "RecyclingCenter",
    "Restaurant",
    "SelfStorage",
    "ShoeStore",
    "ShoppingCenter",
    "SportingGoodsStore",
    "SportsActivityLocation",
    "Store",
    "TireShop",
    "TouristInformationCenter",
    "ToyStore",
    "TravelAgency",
    "WholesaleStore",
];

pub(crate) fn is_business_type(name: &str) -> bool {
    BUSINESS_TYPES.contains(&name)
}

/// The type of a business by the words of its category's slug, when
/// site.yaml's `business_types` does not name one.
pub(crate) fn guessed_type(slug: &str) -> &'static str {
    const WORDS: &[(&[&str], &str)] = &[
        (&["kue", "roti", "bakery"], "Bakery"),
        (&["kopi", "minuman", "cafe", "kafe"], "CafeOrCoffeeShop"),
        (&["restoran", "rumah-makan", "warung-makan"], "Restaurant"),
        (
            &["kuliner", "makanan", "pangan", "katering"],
            "FoodEstablishment",
        ),
        (
            &[
                "fesyen", "fashion", "batik", "bordir", "konveksi", "pakaian", "busana",
            ],
            "ClothingStore",
        ),
        (&["furnitur", "mebel"], "FurnitureStore"),
        (&["tanaman", "bunga", "pertanian"], "GardenStore"),
        (&["ikan", "hewan", "pet"], "PetStore"),
        (&["keuangan", "simpan-pinjam"], "FinancialService"),
        (&["bengkel", "otomotif"], "AutoRepair"),
        (&["salon", "kecantikan"], "BeautySalon"),
        (&["laundry", "cuci"], "DryCleaningOrLaundry"),
        (&["daur-ulang", "sampah"], "RecyclingCenter"),
        (&["jasa", "layanan"], "ProfessionalService"),
        (
            &[
                "ritel",
                "toko",
                "kelontong",
                "kerajinan",
                "boneka",
                "oleh-oleh",
                "ringan",
            ],
            "Store",
        ),
    ];
    WORDS
        .iter()
        .find(|(words, _)| words.iter().any(|w| slug.contains(w)))
        .map_or("LocalBusiness", |(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every type site.yaml may name is LocalBusiness or below it in the
    /// schema.org vocabulary kept as test data.
    #[test]
    fn business_types_are_local_businesses_in_the_vocabulary() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/schemaorg/subclasses.txt"
        );
        let text = std::fs::read_to_string(path).unwrap();
        let parents: std::collections::HashMap<&str, Vec<&str>> = text
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(k, v)| (k, v.split(',').collect()))
            .collect();
        let below = |t: &str| {
            let mut todo = vec![t];
            let mut seen = std::collections::HashSet::new();
            while let Some(x) = todo.pop() {
                if x == "LocalBusiness" {
                    return true;
                }
                if seen.insert(x) {
                    todo.extend(parents.get(x).cloned().unwrap_or_default());
                }
            }
            false
        };
        for t in BUSINESS_TYPES {
            assert!(below(t), "{t} is not a LocalBusiness in schema.org");
        }
    }

    #[test]
    fn categories_give_a_type() {
        assert_eq!(guessed_type("kuliner"), "FoodEstablishment");
        assert_eq!(guessed_type("batik"), "ClothingStore");
        assert_eq!(guessed_type("makanan-ringan"), "FoodEstablishment");
        assert_eq!(guessed_type("lain-lain"), "LocalBusiness");
        assert!(WORDS_ARE_TYPES());
    }

    #[allow(non_snake_case)]
    fn WORDS_ARE_TYPES() -> bool {
        ["Bakery", "Store", "FoodEstablishment", "ClothingStore"]
            .iter()
            .all(|t| is_business_type(t))
    }
}
