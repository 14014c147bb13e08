//! Colors as the visual checks compare them: sRGB, and CIE Lab for differences. A model
//! type: readers find colors (`crate::read::css`), checks judge them.

use palette::color_difference::Ciede2000;
use palette::white_point::D65;
use palette::{FromColor, Lab, Srgb};

/// An sRGB color, alpha ignored for comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb {
    /// Red, 0 to 255.
    pub red: u8,
    /// Green, 0 to 255.
    pub green: u8,
    /// Blue, 0 to 255.
    pub blue: u8,
}

impl Rgb {
    /// `#rrggbb`, lower case.
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.red, self.green, self.blue)
    }

    /// CIEDE2000 difference (0 = same, ~2.3 = just noticeable).
    pub fn distance(self, other: Rgb) -> f32 {
        self.in_lab().distance(other.in_lab())
    }

    /// The color with its CIE Lab coordinates, worked out once for many comparisons.
    pub fn in_lab(self) -> LabColor {
        LabColor(Lab::from_color(
            Srgb::new(self.red, self.green, self.blue).into_format::<f32>(),
        ))
    }
}

/// A color in CIE Lab (D65), the space differences are measured in.
#[derive(Debug, Clone, Copy)]
pub struct LabColor(Lab<D65, f32>);

impl LabColor {
    /// CIEDE2000 difference (0 = same, ~2.3 = just noticeable).
    pub fn distance(self, other: LabColor) -> f32 {
        self.0.difference(other.0)
    }
}
