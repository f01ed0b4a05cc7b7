//! The colour decision, made once per run: `--color`, then NO_COLOR,
//! CLICOLOR_FORCE, CLICOLOR and whether the stream is a terminal (anstream's
//! logic, the one clap uses).

use crate::args::ColorArg;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ColorSetting(ColorArg);

impl From<ColorArg> for ColorSetting {
    fn from(arg: ColorArg) -> Self {
        ColorSetting(arg)
    }
}

impl ColorSetting {
    /// Whether to colour what goes to standard output. `config_no_color` is
    /// the config file's `no-color`; `to_file` is true for `--output FILE`.
    #[must_use]
    pub fn stdout(self, config_no_color: bool, to_file: bool) -> bool {
        match self.0 {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => {
                if config_no_color || to_file {
                    return false;
                }
                !matches!(
                    anstream::AutoStream::choice(&std::io::stdout()),
                    anstream::ColorChoice::Never
                )
            }
        }
    }
}
